using System.Text.Json.Serialization;

namespace StrimziGuard.Kubernetes.Models;

public sealed class V1ListMeta
{
    public string? ResourceVersion { get; set; }

    /// <summary>Token for the next page of a <c>limit</c>ed list; empty or null on the last page.</summary>
    [JsonPropertyName("continue")]
    public string? Continue { get; set; }

    public long? RemainingItemCount { get; set; }
}
