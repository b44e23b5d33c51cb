using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.CertLifetime;

/// <summary>
/// A TLS KafkaUser's certificate lives <c>spec.authentication.validityDays</c> (Strimzi 1.1+), or, when unset, the clients CA's
/// validityDays of its Kafka cluster (passed to the User Operator as <c>STRIMZI_CA_VALIDITY</c>; strimzi-facts §7).
/// </summary>
internal sealed class KafkaUserValidityPolicy : IAdmissionPolicy
{
    public PolicyMetadata Metadata { get; } = new("cert-lifetime.kafka-user", GuardIds.CertLifetime, WebhookKind.Validating, [StrimziResources.KafkaUsers])
    {
        Ratchets = true,
        Judges = "`KafkaUser`, CREATE/UPDATE",
        Rule = "`spec.authentication.validityDays`/`renewalDays` (Strimzi 1.1+) likewise; when unset, the user inherits the "
            + "clients CA's validity of its Kafka cluster.",
    };

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        var user = request.SubjectAs<KafkaUser>();
        var auth = user.Spec?.Authentication;
        if (auth?.Type != "tls") return PolicyVerdict.NotApplicable;

        var at = FieldPath.Of("spec.authentication");
        var limit = options.CertLifetime.MaxLifetime;
        var cluster = user.Metadata.Label("strimzi.io/cluster");
        var kafka = cluster is null ? null : snapshot.Kafkas.Get(user.Namespace, cluster);
        if (auth.ValidityDays is > 0 || auth.RenewalDays is > 0) return Own(at, auth, kafka, options);
        if (kafka is null) return PolicyVerdict.Pass("inherits the clients CA validity (Kafka CR not in view)");

        var inherited = StrimziCaDefaults.EffectiveValidity(kafka.Spec?.ClientsCa?.ValidityDays);
        if (TimeSpan.FromDays(inherited) <= limit) return PolicyVerdict.Pass($"inherits {inherited}d from Kafka {kafka.Name}");
        var violation = new Violation(GuardIds.CertLifetime, at.Field("validityDays"),
            $"unset, so the certificate inherits {Inherited(kafka)}, over the {Certificates.Lifetime.Limit(limit)} limit",
            $"set spec.authentication.validityDays to {options.CertLifetime.MaxValidityDays} or less (Strimzi 1.1+), or shorten spec.clientsCa.validityDays of Kafka {kafka.Name}");
        return PolicyVerdict.Fail([violation], $"inherits {inherited}d from Kafka {kafka.Name}");
    }

    /// <summary>
    /// The user's own validityDays/renewalDays. One left unset is taken from the clients CA, as the User Operator does
    /// (STRIMZI_CA_VALIDITY/RENEWAL), so the message names the CA's value, not Strimzi's default. Renewing a user certificate
    /// replaces the user's Secret; it does not roll the Kafka cluster.
    /// </summary>
    private static PolicyVerdict Own(FieldPath at, KafkaUserAuthentication auth, Kafka? kafka, GuardOptions options)
    {
        var limit = options.CertLifetime.MaxLifetime;
        int? validity = auth.ValidityDays is > 0 ? auth.ValidityDays : kafka is null ? null : StrimziCaDefaults.EffectiveValidity(kafka.Spec?.ClientsCa?.ValidityDays);
        int? renewal = auth.RenewalDays is > 0 ? auth.RenewalDays : kafka is null ? null : StrimziCaDefaults.EffectiveRenewal(kafka.Spec?.ClientsCa?.RenewalDays);
        var violations = new List<Violation>();
        if (validity is { } v && TimeSpan.FromDays(v) > limit)
        {
            var fix = options.CertLifetime.MaxValidityDays >= 1
                ? $"set {at.Field("validityDays")} to {options.CertLifetime.MaxValidityDays} or less and renewalDays below it"
                : $"validityDays counts whole days, so no value meets a limit of {Certificates.GoDuration.Format(limit)}; raise the guard's maxLifetime to 24h or more";
            var what = auth.ValidityDays is > 0
                ? $"{v} exceeds the {Certificates.Lifetime.Limit(limit)} limit"
                : $"unset, so the certificate inherits {Inherited(kafka!)}, over the {Certificates.Lifetime.Limit(limit)} limit";
            violations.Add(new Violation(GuardIds.CertLifetime, at.Field("validityDays"), what, fix));
        }
        if (validity is { } valid && renewal is { } renew && renew >= valid)
        {
            var what = auth.RenewalDays is > 0 ? $"{renew}" : $"unset, so it is the clients CA's {renew} days of Kafka {kafka!.Name},";
            var fix = valid >= 2
                ? $"set {at.Field("renewalDays")} below {valid}, e.g. {StrimziCaDefaults.SuggestedRenewal(valid)}"
                : $"renewalDays is at least 1, so raise {at.Field("validityDays")} to 2 or more";
            violations.Add(new Violation(GuardIds.CertLifetime, at.Field("renewalDays"),
                $"{what} is not below validityDays {valid}, so the User Operator would issue a new user certificate (and Secret) on every reconciliation", fix));
        }
        var summary = $"user certificate {Days(validity)} renew {Days(renewal)}";
        return violations.Count == 0 ? PolicyVerdict.Pass(summary) : PolicyVerdict.Fail(violations, summary);
    }

    /// <summary>"7d", or, for a value the clients CA gives and its Kafka CR is not in view, where it comes from.</summary>
    private static string Days(int? days) => days is { } d ? $"{d}d" : "as its clients CA";

    /// <summary>"365 days from the clients CA of Kafka my-cluster (spec.clientsCa.validityDays unset: Strimzi's default)".</summary>
    private static string Inherited(Kafka kafka)
    {
        var set = kafka.Spec?.ClientsCa?.ValidityDays;
        var days = StrimziCaDefaults.EffectiveValidity(set);
        return $"{days} days from the clients CA of Kafka {kafka.Name} (spec.clientsCa.validityDays{(set is > 0 ? "" : " unset: Strimzi's default")})";
    }
}
