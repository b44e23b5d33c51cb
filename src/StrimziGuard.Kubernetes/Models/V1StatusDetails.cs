using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Kubernetes.Models;

public sealed class V1StatusDetails
{
    public string? Name { get; set; }

    public string? Group { get; set; }

    public string? Kind { get; set; }

    public string? Uid { get; set; }

    public int? RetryAfterSeconds { get; set; }

    public JsonArray? Causes { get; set; }

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}
