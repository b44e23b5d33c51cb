using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Policies.CertLifetime;

/// <summary>
/// A TLS KafkaUser's certificate lives <c>spec.authentication.validityDays</c> (Strimzi 1.1+), or, when unset, the clients CA's
/// validityDays of its Kafka cluster (passed to the User Operator as <c>STRIMZI_CA_VALIDITY</c>; strimzi-facts §7).
/// </summary>
public sealed class KafkaUserValidityPolicy : IAdmissionPolicy
{
    public string Id => "cert-lifetime.kafka-user";

    public string Guard => Guards.CertLifetime;

    public WebhookKind Kind => WebhookKind.Validating;

    public bool Ratchets => true;

    public IReadOnlyList<ResourceRule> Rules { get; } = [StrimziResources.KafkaUsers];

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        var user = request.SubjectAs<KafkaUser>();
        var auth = user.Spec?.Authentication;
        if (auth?.Type != "tls") return PolicyVerdict.NotApplicable;

        var at = FieldPath.Of("spec.authentication");
        var limit = options.CertLifetime.MaxLifetime;
        if (auth.ValidityDays is > 0 || auth.RenewalDays is > 0)
        {
            var own = CaValidityRules.Check(at, auth.ValidityDays, auth.RenewalDays, limit, options.CertLifetime.MaxValidityDays).ToList();
            var summary = CaValidityRules.Summary("user certificate", auth.ValidityDays, auth.RenewalDays);
            return own.Count == 0 ? PolicyVerdict.Pass(summary) : PolicyVerdict.Fail(own, summary);
        }

        var cluster = user.Metadata.Label("strimzi.io/cluster");
        var kafka = cluster is null ? null : snapshot.Kafkas.Get(user.Namespace, cluster);
        if (kafka is null) return PolicyVerdict.Pass("inherits the clients CA validity (Kafka CR not in view)");

        var inherited = StrimziCaDefaults.EffectiveValidity(kafka.Spec?.ClientsCa?.ValidityDays);
        if (TimeSpan.FromDays(inherited) <= limit) return PolicyVerdict.Pass($"inherits {inherited}d from Kafka {kafka.Name}");
        var violation = new Violation(Guards.CertLifetime, at.Field("validityDays"),
            $"unset, so the certificate inherits {inherited} days from Kafka {kafka.Name} spec.clientsCa.validityDays, over the {Certificates.Lifetime.Limit(limit)} limit",
            $"set spec.authentication.validityDays to {options.CertLifetime.MaxValidityDays} or less (Strimzi 1.1+), or shorten spec.clientsCa.validityDays of Kafka {kafka.Name}");
        return PolicyVerdict.Fail([violation], $"inherits {inherited}d from Kafka {kafka.Name}");
    }
}
