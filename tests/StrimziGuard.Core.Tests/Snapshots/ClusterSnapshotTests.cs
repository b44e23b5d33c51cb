using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Snapshots;

public sealed class ClusterSnapshotTests
{
    [Fact]
    public void A_derived_value_is_computed_once_per_snapshot_even_under_concurrent_readers()
    {
        var snapshot = ClusterSnapshot.From([]);
        var computed = 0;
        Parallel.For(0, 64, _ => snapshot.Derived("key", _ => Interlocked.Increment(ref computed)));
        Assert.InRange(computed, 1, 2); // GetOrAdd may race once; the stored value is what every reader gets
        Assert.Equal(snapshot.Derived("key", _ => -1), snapshot.Derived("key", _ => -2));
    }

    [Fact]
    public void A_new_snapshot_derives_afresh_so_a_changed_CA_Secret_is_seen()
    {
        var before = ClusterSnapshot.From([RotationState.CertSecret(3, 0), RotationState.KeySecret(0)]);
        var after = before.With([RotationState.CertSecret(4, 1), RotationState.KeySecret(1)]);
        Assert.Equal(0, ClusterCaState.From(before, "kafka", "my-cluster")!.KeyGeneration.Value);
        Assert.Equal(1, ClusterCaState.From(after, "kafka", "my-cluster")!.KeyGeneration.Value);
        Assert.Equal(1, ClusterCaState.From(after, "kafka", "my-cluster")!.SubjectKeyGeneration);
    }

    [Fact]
    public void A_later_object_with_the_same_identity_replaces_an_earlier_one()
    {
        var snapshot = ClusterSnapshot.From([RotationState.KeySecret(0), RotationState.KeySecret(5)]);
        Assert.Equal("5", Assert.Single(snapshot.Secrets.All).Metadata.Annotation("strimzi.io/ca-key-generation"));
    }
}
