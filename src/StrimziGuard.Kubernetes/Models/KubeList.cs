namespace StrimziGuard.Kubernetes.Models;

/// <summary>A list answer (<c>PodList</c>, <c>PartialObjectMetadataList</c>, ...); like KubernetesClient's <c>V1PodList</c> but generic.</summary>
public sealed class KubeList<T>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ListMeta Metadata { get; set; } = new();

    public List<T> Items { get; set; } = [];
}
