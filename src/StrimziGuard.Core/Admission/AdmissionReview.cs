using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Admission;

/// <summary>The <c>admission.k8s.io/v1</c> envelope the API server sends to a webhook and expects back.</summary>
public sealed class AdmissionReview
{
    public const string V1 = "admission.k8s.io/v1";

    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public AdmissionRequest? Request { get; set; }

    public AdmissionResponse? Response { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public static AdmissionReview Answer(AdmissionResponse response) =>
        new() { ApiVersion = V1, Kind = "AdmissionReview", Response = response };
}
