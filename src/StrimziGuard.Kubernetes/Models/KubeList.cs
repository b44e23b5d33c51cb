using V1ListMeta = k8s.Models.V1ListMeta;

namespace StrimziGuard.Kubernetes.Models;

/// <summary>
/// A list answer (<c>PodList</c>, <c>PartialObjectMetadataList</c>, ...) of any item type: KubernetesClient has a typed list per built-in
/// kind (<c>V1PodList</c>) but none over Core's read models or metadata-only answers.
/// </summary>
public sealed class KubeList<T>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ListMeta Metadata { get; set; } = new();

    public List<T> Items { get; set; } = [];
}
