using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

/// <summary>The spec fields shared by cert-manager <c>Certificate</c> and <c>CertificateRequest</c> that the guard reads.</summary>
public sealed class CertificateSpec
{
    /// <summary>A Go duration such as <c>2160h0m0s</c>; unset means cert-manager's default of 90 days.</summary>
    public string? Duration { get; set; }

    public string? RenewBefore { get; set; }

    public string? SecretName { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
