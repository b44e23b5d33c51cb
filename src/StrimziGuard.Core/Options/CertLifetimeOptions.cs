using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Options;

public sealed record CertLifetimeOptions : GuardSettings
{
    /// <summary>The longest certificate lifetime allowed. Seven days by default: short-lived certificates only.</summary>
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>When true, a Kafka CR that leaves the CA validity or renewal unset gets compliant values filled in, with a warning.</summary>
    public bool FillDefaults { get; init; }

    /// <summary>Secrets matching this selector are checked in addition to Strimzi-labelled and listener-certificate Secrets.</summary>
    public V1LabelSelector? SecretSelector { get; init; }

    /// <summary>Whole days that fit in <see cref="MaxLifetime"/>: the largest compliant <c>validityDays</c>.</summary>
    public int MaxValidityDays => (int)Math.Floor(MaxLifetime.TotalDays);
}
