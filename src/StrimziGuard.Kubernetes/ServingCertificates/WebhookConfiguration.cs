using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>
/// A Mutating- or ValidatingWebhookConfiguration, modelled only as far as the caBundle rotation needs: each webhook's name and
/// <c>clientConfig.caBundle</c>. Everything else stays as JSON and is never written back (the rotation sends a JSON Patch).
/// </summary>
internal sealed class WebhookConfiguration : KubernetesObject
{
    /// <summary>cert-manager's CA injector owns the caBundle of a configuration with this annotation (the cert-manager overlay).</summary>
    public const string InjectCaFromAnnotation = "cert-manager.io/inject-ca-from";

    public JsonArray? Webhooks { get; set; }

    public bool IsInjectedByCertManager => Metadata.Annotation(InjectCaFromAnnotation) is { Length: > 0 };

    public IEnumerable<(int Index, string Name, string? CaBundle)> Entries() =>
        (Webhooks ?? []).Select((w, i) => (i, (string?)w?["name"] ?? "", (string?)w?["clientConfig"]?["caBundle"]));
}
