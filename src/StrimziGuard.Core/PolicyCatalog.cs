using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Core.Guards.CertLifetime;

namespace StrimziGuard.Core;

/// <summary>Every policy, registered by hand, one line each, in the order they run. A duplicate id is a start-up error.</summary>
public sealed class PolicyCatalog
{
    public static PolicyCatalog Default { get; } = new(
    [
        new KafkaCaDefaultsPolicy(),
        new KafkaCaValidityPolicy(),
        new KafkaUserValidityPolicy(),
        new KafkaBridgeCertificatePolicy(),
        new SecretCertificateLifetimePolicy(),
        new CertManagerDurationPolicy(),
        new AgentPortNetworkPolicyPolicy(),
        new AgentPortGuardPolicyPolicy(),
        new AgentPortKafkaArrivalPolicy(),
        new PodStampPolicy(),
        new GenerationValuesPolicy(),
        new PodRollTriggerPolicy(),
    ]);

    private readonly Dictionary<WebhookPath, IAdmissionPolicy[]> byWebhook;

    public PolicyCatalog(IEnumerable<IAdmissionPolicy> policies)
    {
        Policies = policies.ToArray();
        var duplicate = Policies.GroupBy(p => p.Metadata.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"policy id '{duplicate.Key}' is registered more than once");
        Webhooks = Policies.Select(p => p.Metadata.Webhook).Distinct().ToArray();
        byWebhook = Webhooks.ToDictionary(w => w, w => Policies.Where(p => p.Metadata.Webhook == w).ToArray());
    }

    public IReadOnlyList<IAdmissionPolicy> Policies { get; }

    /// <summary>The endpoints the catalog needs: one per guard and kind that has at least one policy.</summary>
    public IReadOnlyList<WebhookPath> Webhooks { get; }

    /// <summary>The policies behind one endpoint, in registration order; found once, not filtered per request.</summary>
    public IReadOnlyList<IAdmissionPolicy> For(WebhookPath webhook) => byWebhook.TryGetValue(webhook, out var policies) ? policies : [];
}
