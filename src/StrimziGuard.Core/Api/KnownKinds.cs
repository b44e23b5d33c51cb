using System.Text.Json;
using System.Text.Json.Nodes;

namespace StrimziGuard.Core.Api;

/// <summary>The kinds the guards read, with their API group, resource name and model type.</summary>
public static class KnownKinds
{
    public sealed record KindInfo(string Group, string Kind, string Resource, Type Model, bool Namespaced = true);

    public static IReadOnlyList<KindInfo> All { get; } =
    [
        new("", "Pod", "pods", typeof(V1Pod)),
        new("", "Secret", "secrets", typeof(V1Secret)),
        new("", "Namespace", "namespaces", typeof(V1Namespace), Namespaced: false),
        new("networking.k8s.io", "NetworkPolicy", "networkpolicies", typeof(V1NetworkPolicy)),
        new("kafka.strimzi.io", "Kafka", "kafkas", typeof(Kafka)),
        new("kafka.strimzi.io", "KafkaUser", "kafkausers", typeof(KafkaUser)),
        new("kafka.strimzi.io", "KafkaNodePool", "kafkanodepools", typeof(KafkaNodePool)),
        new("kafka.strimzi.io", "KafkaBridge", "kafkabridges", typeof(KafkaBridge)),
        new("core.strimzi.io", "StrimziPodSet", "strimzipodsets", typeof(StrimziPodSet)),
        new("cert-manager.io", "Certificate", "certificates", typeof(Certificate)),
        new("cert-manager.io", "CertificateRequest", "certificaterequests", typeof(CertificateRequest)),
    ];

    public static KindInfo? Find(string group, string kind) => All.FirstOrDefault(k => k.Group == group && k.Kind == kind);

    public static (string Group, string Version) SplitApiVersion(string? apiVersion) =>
        apiVersion is { } v && v.IndexOf('/') is var i and >= 0 ? (v[..i], v[(i + 1)..]) : ("", apiVersion ?? "");

    /// <summary>The typed object for a known kind, or null for a kind the guards do not read. Throws <see cref="JsonException"/> on a bad shape.</summary>
    public static KubernetesObject? Read(JsonNode node)
    {
        var (group, _) = SplitApiVersion((node as JsonObject)?["apiVersion"]?.GetValueKind() == JsonValueKind.String ? (string?)node["apiVersion"] : null);
        var kind = (node as JsonObject)?["kind"]?.GetValueKind() == JsonValueKind.String ? (string?)node["kind"] : null;
        return kind is null || Find(group, kind) is not { } info
            ? null
            : (KubernetesObject?)node.Deserialize(info.Model, KubeJson.Options);
    }
}
