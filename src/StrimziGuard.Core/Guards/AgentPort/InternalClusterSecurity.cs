using System.Text.Json;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>
/// The Kafka annotation <c>strimzi.io/internal-cluster-security</c> (early access on Strimzi's main, <c>KafkaClusterSecurityContext</c>;
/// strimzi-facts §6), a JSON value such as <c>{"encryption":{"type":"strimzi-tls"},"authentication":{"type":"none"}}</c>. With
/// authentication <c>none</c> (or no encryption at all) the Kafka Agent on 8443 stops requiring client certificates, and the NetworkPolicy
/// is the only gate left in front of it.
/// </summary>
internal static class InternalClusterSecurity
{
    public const string Annotation = "strimzi.io/internal-cluster-security";

    /// <summary>Whether the cluster's agent accepts clients without a certificate. Absent or unreadable: Strimzi's default, mutual TLS.</summary>
    public static bool AgentWithoutClientCertificates(Kafka kafka)
    {
        if (kafka.Metadata.Annotation(Annotation) is not { } value) return false;
        try
        {
            using var json = JsonDocument.Parse(value);
            return json.RootElement.ValueKind == JsonValueKind.Object && (TypeOf(json.RootElement, "authentication") == "none" || TypeOf(json.RootElement, "encryption") == "none");
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? TypeOf(JsonElement root, string section) =>
        root.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;
}
