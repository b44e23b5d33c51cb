using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Kubernetes.Models;

/// <summary>The API server's <c>Status</c> body (meta/v1), sent with every error and with some DELETE answers.</summary>
public sealed class V1Status
{
    public string? ApiVersion { get; set; } = "v1";

    public string? Kind { get; set; } = "Status";

    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    public string? Status { get; set; }

    public string? Message { get; set; }

    /// <summary>Machine-readable reason such as <c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>, <c>Expired</c>, <c>Invalid</c>.</summary>
    public string? Reason { get; set; }

    public V1StatusDetails? Details { get; set; }

    public int? Code { get; set; }

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}
