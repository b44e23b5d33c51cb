using StrimziGuard.Core.Admission;

namespace StrimziGuard.Core.Tests.Admission;

public sealed class SharedGroupVersionsTests
{
    [Fact]
    public void Reviews_naming_the_same_kind_and_resource_share_one_record_each()
    {
        Assert.Same(SharedGroupVersions.Kind("", "v1", "Pod"), SharedGroupVersions.Kind("", "v1", "Pod"));
        Assert.Same(SharedGroupVersions.Resource("", "v1", "pods"), SharedGroupVersions.Resource("", "v1", "pods"));
    }

    [Fact]
    public void Whatever_the_table_holds_a_kind_or_resource_always_reads_as_named()
    {
        var rng = new Random(41);
        string?[] groups = ["", "kafka.strimzi.io", "core.strimzi.io", "networking.k8s.io", null];
        string?[] versions = ["v1", "v1beta2", null];
        string?[] names = ["Pod", "Kafka", "StrimziPodSet", "NetworkPolicy", "pods", "kafkas", null];
        for (var i = 0; i < 5_000; i++)
        {
            // Sometimes a copy of the text: equal text that is not the same string must still find (or make) the right record.
            string? Pick(string?[] from) => from[rng.Next(from.Length)] is { } s && rng.Next(3) == 0 ? new string(s.AsSpan()) : from[rng.Next(from.Length)];
            var (g, v, n) = (Pick(groups), Pick(versions), Pick(names));

            var kind = SharedGroupVersions.Kind(g, v, n);
            var resource = SharedGroupVersions.Resource(g, v, n);

            Assert.True(kind.Group == g && kind.Version == v && kind.Kind == n, $"{g}/{v}/{n} read as {kind.Group}/{kind.Version}/{kind.Kind}");
            Assert.True(resource.Group == g && resource.Version == v && resource.Resource == n, $"{g}/{v}/{n} read as {resource.Group}/{resource.Version}/{resource.Resource}");
        }
    }
}
