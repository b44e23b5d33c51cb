using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Certificates;
using StrimziGuard.Core.Options;

namespace StrimziGuard.Core.Guards.CertLifetime;

/// <summary>
/// The validityDays/renewalDays rules shared by the Kafka CR's CAs and KafkaUsers: the lifetime must fit the limit, and renewal must
/// come before expiry, or Strimzi renews on every reconciliation and rolls the cluster endlessly (strimzi-facts §7, <c>Ca.certNeedsRenewal</c>).
/// </summary>
internal static class CaValidityRules
{
    /// <summary>The violations of one CA's settings; nothing is made for settings that fit, every Kafka review's usual case.</summary>
    public static IEnumerable<Violation> Check(FieldPath at, int? validityDays, int? renewalDays, TimeSpan limit, int maxDays)
    {
        var validity = StrimziCaDefaults.EffectiveValidity(validityDays);
        var renewal = StrimziCaDefaults.EffectiveRenewal(renewalDays);
        return TimeSpan.FromDays(validity) <= limit && renewal < validity ? [] : Violations(at, validityDays, renewalDays, validity, renewal, limit, maxDays);
    }

    private static IEnumerable<Violation> Violations(FieldPath at, int? validityDays, int? renewalDays, int validity, int renewal, TimeSpan limit, int maxDays)
    {
        var validityPath = at.Field("validityDays");
        var renewalPath = at.Field("renewalDays");
        if (TimeSpan.FromDays(validity) > limit)
        {
            var fix = maxDays >= 1
                ? $"set {validityPath} to {maxDays} or less and renewalDays below it"
                : $"validityDays counts whole days, so no value meets a limit of {GoDuration.Format(limit)}; raise the guard's maxLifetime to 24h or more";
            yield return new Violation(GuardIds.CertLifetime, validityPath,
                $"{StrimziCaDefaults.Describe(validityDays, validity)} exceeds the {Lifetime.Limit(limit)} limit", fix);
        }
        if (renewal >= validity)
        {
            var fix = validity >= 2
                ? $"set {renewalPath} below {validity}, e.g. {StrimziCaDefaults.SuggestedRenewal(validity)}"
                : $"renewalDays is at least 1, so raise {validityPath} to 2 or more";
            yield return new Violation(GuardIds.CertLifetime, renewalPath,
                $"{StrimziCaDefaults.Describe(renewalDays, renewal)} is not below validityDays {validity}, so the certificate would be renewed (and the cluster rolled) on every reconciliation",
                fix);
        }
    }

    public static string Summary(string name, int? validityDays, int? renewalDays) =>
        $"{name} {StrimziCaDefaults.EffectiveValidity(validityDays)}d renew {StrimziCaDefaults.EffectiveRenewal(renewalDays)}d";
}
