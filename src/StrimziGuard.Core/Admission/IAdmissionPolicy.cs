using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// One admission rule. <see cref="Decide"/> is a pure function of the request, the cluster snapshot and the options:
/// no I/O, no clock, no logger. It returns every violation it finds and never throws on bad input.
/// </summary>
public interface IAdmissionPolicy
{
    /// <summary>Unique, and a valid audit-annotation key (letters, digits, '-', '.').</summary>
    string Id { get; }

    /// <summary>The guard it belongs to: <c>cert-lifetime</c>, <c>ca-generation</c> or <c>agent-port</c>. Its mode applies.</summary>
    string Guard { get; }

    WebhookKind Kind { get; }

    IReadOnlyList<ResourceRule> Rules { get; }

    /// <summary>When true, an UPDATE that keeps a violation the old object already had is allowed with a warning.</summary>
    bool Ratchets { get; }

    PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options);
}
