using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Core.Patching;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration;

/// <summary>
/// The pod stamp diffs only the annotations it changes; its patch must be exactly the diff of the whole metadata, copied and stamped, on
/// random pod metadata (no annotations, annotations with and without the key generation, other annotations and labels, owner references, unmodelled fields).
/// </summary>
public sealed class PodStampPatchTests
{
    [Fact]
    public void On_random_pod_metadata_the_stamp_patch_equals_the_diff_of_the_whole_metadata()
    {
        var rng = new Random(31);
        foreach (var fixture in new[] { "pod-my-cluster-broker-1.before-trust-roll", "pod-my-cluster-broker-0.steady", "pod-my-cluster-broker-0.after-trust-roll" })
        {
            for (var i = 0; i < 100; i++)
            {
                var meta = Fixtures.Load<V1Pod>(fixture).Metadata;
                if (rng.Next(3) == 0) meta.Annotations!.Remove(CaAnnotations.ClusterCaKeyGeneration);
                if (rng.Next(2) == 0) meta.Annotations![$"example.com/a~b/{rng.Next(5)}"] = rng.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (rng.Next(2) == 0) meta.Labels![$"x{rng.Next(5)}"] = "y";
                if (rng.Next(10) == 0) meta.Annotations = null;
                var stamp = rng.Next(0, 4);

                var whole = KubeJson.Clone(meta);
                whole.Annotations ??= [];
                whole.Annotations[CaAnnotations.ClusterCaKeyGeneration] = stamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(
                    KubeJson.ToNode(JsonPatchDiff.Diff(meta, whole, "/metadata")).ToJsonString(),
                    KubeJson.ToNode(PodStampPolicy.Patch(meta, stamp)).ToJsonString());
            }
        }
    }
}
