using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

/// <summary>
/// A Strimzi <c>KafkaBridge</c>, as far as its own certificate goes: from Strimzi 1.0 <c>spec.http.tls.certificateAndKey</c> names a Secret
/// the user supplies, whose certificate serves the bridge's HTTPS endpoint (strimzi-facts §7).
/// </summary>
public sealed class KafkaBridge : KubernetesObject
{
    public KafkaBridgeSpec? Spec { get; set; }

    /// <summary>The Secret source of the bridge's HTTPS certificate, or null when the bridge serves no TLS of its own.</summary>
    [JsonIgnore]
    public CertAndKeySecretSource? HttpCertificate => Spec?.Http?.Tls?.CertificateAndKey;
}

public sealed class KafkaBridgeSpec
{
    public KafkaBridgeHttpConfig? Http { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class KafkaBridgeHttpConfig
{
    public KafkaBridgeHttpTls? Tls { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class KafkaBridgeHttpTls
{
    public CertAndKeySecretSource? CertificateAndKey { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
