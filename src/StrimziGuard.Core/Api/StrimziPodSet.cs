using System.Text.Json;

namespace StrimziGuard.Core.Api;

/// <summary>
/// A Strimzi <c>StrimziPodSet</c> (<c>core.strimzi.io</c> v1beta2 and v1; strimzi-facts §4). Each entry of <c>spec.pods</c> is a whole Pod
/// kept as a free map by the CRD, so entries are read as <see cref="V1Pod"/> with every other field preserved.
/// </summary>
public sealed class StrimziPodSet : KubernetesObject
{
    public StrimziPodSetSpec? Spec { get; set; }

    public JsonElement? Status { get; set; }
}
