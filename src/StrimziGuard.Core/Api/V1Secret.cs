namespace StrimziGuard.Core.Api;

public sealed class V1Secret : KubernetesObject
{
    public string? Type { get; set; }

    /// <summary>Base64-encoded values, as the API serves them.</summary>
    public Dictionary<string, string>? Data { get; set; }

    /// <summary>Plain values; only seen in manifests, the API server folds them into <see cref="Data"/> before admission.</summary>
    public Dictionary<string, string>? StringData { get; set; }

    public bool? Immutable { get; set; }
}
