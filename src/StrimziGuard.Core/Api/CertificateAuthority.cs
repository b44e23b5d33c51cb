using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

/// <summary><c>spec.clusterCa</c> / <c>spec.clientsCa</c> (Strimzi <c>CertificateAuthority</c>; strimzi-facts §7).</summary>
public sealed class CertificateAuthority
{
    public bool? GenerateCertificateAuthority { get; set; }

    public bool? GenerateSecretOwnerReference { get; set; }

    public int? ValidityDays { get; set; }

    public int? RenewalDays { get; set; }

    public string? CertificateExpirationPolicy { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
