namespace StrimziGuard.Core.Guards.CertLifetime;

/// <summary>Strimzi's CA defaults: 0 or unset means these (strimzi-facts §7, <c>ModelUtils.getCertificateValidity/getRenewalDays</c>).</summary>
internal static class StrimziCaDefaults
{
    public const int ValidityDays = 365;
    public const int RenewalDays = 30;

    public static int EffectiveValidity(int? days) => days is > 0 ? days.Value : ValidityDays;

    public static int EffectiveRenewal(int? days) => days is > 0 ? days.Value : RenewalDays;

    public static string Describe(int? days, int effective) => days is > 0 ? $"{effective}" : $"{effective} (Strimzi default when unset)";

    /// <summary>A renewal period that leaves most of the lifetime in use: 2 days for a 7-day certificate, never below Strimzi's minimum of 1.</summary>
    public static int SuggestedRenewal(int validityDays) => Math.Max(1, validityDays * 2 / 7);
}
