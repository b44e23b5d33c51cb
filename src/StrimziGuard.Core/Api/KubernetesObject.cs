using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

/// <summary>Fields every Kubernetes object has. Unmodelled fields are kept in <see cref="Extra"/> so a round trip loses nothing.</summary>
public abstract class KubernetesObject
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    /// <summary>Never null: an explicit <c>"metadata": null</c> (found by fuzzing) reads as empty metadata, so no reader has to check.</summary>
    public V1ObjectMeta Metadata { get; set => field = value ?? new(); } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    [JsonIgnore]
    public string Name => Metadata.Name ?? "";

    [JsonIgnore]
    public string? Namespace => Metadata.NamespaceProperty;

    /// <summary>The API group of <see cref="ApiVersion"/>; empty for the core group.</summary>
    [JsonIgnore]
    public string Group => ApiVersion is { } v && v.IndexOf('/') is var i and >= 0 ? v[..i] : "";

    [JsonIgnore]
    public string Version => ApiVersion is { } v && v.IndexOf('/') is var i and >= 0 ? v[(i + 1)..] : ApiVersion ?? "";
}
