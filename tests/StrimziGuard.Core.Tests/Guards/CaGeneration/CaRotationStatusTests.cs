using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration;

public sealed class CaRotationStatusTests
{
    [Fact]
    public void Mid_key_replacement_the_status_shows_the_Secret_generations_and_the_pods_still_behind()
    {
        var snapshot = ClusterSnapshot.From(
        [
            RotationState.CertSecret(4, 1), RotationState.KeySecret(1),
            KubeJson.Read<V1Pod>(RotationState.Pod("my-cluster-broker-0", 3, 1)),
            KubeJson.Read<V1Pod>(RotationState.Pod("my-cluster-broker-1", 3, 0)),
            KubeJson.Read<V1Pod>(RotationState.Pod("my-cluster-broker-2", 3, 0)),
        ]);

        var status = Assert.Single(CaRotationStatus.Of(snapshot));

        Assert.Equal(("kafka", "my-cluster"), (status.Namespace, status.Cluster));
        Assert.Equal(4, status.SecretGenerations["cluster-ca/cert"]);
        Assert.Equal(1, status.SecretGenerations["cluster-ca/key"]);
        Assert.False(status.SecretGenerations.ContainsKey("clients-ca/cert"));
        Assert.Equal(2, status.PodsBehind["strimzi.io/cluster-ca-key-generation"]);
        Assert.Equal(3, status.PodsBehind["strimzi.io/cluster-ca-cert-generation"]);
    }

    [Fact]
    public void A_steady_cluster_has_no_pod_behind()
    {
        var snapshot = ClusterSnapshot.From([RotationState.CertSecret(3, 0), RotationState.KeySecret(0), KubeJson.Read<V1Pod>(RotationState.Pod("p", 3, 0))]);
        Assert.All(Assert.Single(CaRotationStatus.Of(snapshot)).PodsBehind.Values, n => Assert.Equal(0, n));
    }
}
