using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// One admission rule. <see cref="Decide"/> is a pure function of the request, the cluster snapshot and the options:
/// no I/O, no clock, no logger. It returns every violation it finds and never throws on bad input.
/// </summary>
public interface IAdmissionPolicy
{
    PolicyMetadata Metadata { get; }

    PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options);
}
