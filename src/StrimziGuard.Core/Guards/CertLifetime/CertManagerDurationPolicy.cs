using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Certificates;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.CertLifetime;

/// <summary>
/// A cert-manager Certificate or CertificateRequest asks for <c>spec.duration</c> (a Go duration; unset: 90 days, cert-manager's default).
/// It must fit the limit. A CertificateRequest that cert-manager makes for a Certificate is only warned about: the Certificate was judged
/// when it was written, and denying its renewal would let a certificate in use expire.
/// </summary>
internal sealed class CertManagerDurationPolicy : IAdmissionPolicy
{
    /// <summary>cert-manager's default when <c>spec.duration</c> is unset (<c>pkg/apis/certmanager/v1/const.go</c>).</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(2160);

    public PolicyMetadata Metadata { get; } = new("cert-lifetime.cert-manager", GuardIds.CertLifetime, WebhookKind.Validating, [StrimziResources.CertManagerCertificates])
    {
        Ratchets = true,
        Judges = "cert-manager `Certificate`, `CertificateRequest` (`cert-manager.io/v1`)",
        Rule = "`spec.duration` (a Go duration; unset = cert-manager's 90 days) within the limit. A CertificateRequest that "
            + "cert-manager makes for a Certificate is only warned about: denying a renewal would let a certificate in use "
            + "expire.",
    };

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        var isRequest = request.Resource?.Resource == "certificaterequests";
        var (spec, owners) = isRequest
            ? request.SubjectAs<CertificateRequest>() is var cr ? (cr.Spec, cr.Metadata.OwnerReferences) : default
            : request.SubjectAs<Certificate>() is var c ? (c.Spec, c.Metadata.OwnerReferences) : default;
        var path = FieldPath.Of("spec.duration");
        var limit = options.CertLifetime.MaxLifetime;
        var fix = $"set spec.duration to {GoDuration.Format(limit)} or less and spec.renewBefore below it";

        Violation? violation;
        TimeSpan duration;
        if (string.IsNullOrEmpty(spec?.Duration))
        {
            duration = DefaultDuration;
            violation = duration > limit
                ? new Violation(Metadata.Guard, path, $"{GoDuration.Format(duration)} (cert-manager default when unset) exceeds the {Lifetime.Limit(limit)} limit", fix)
                : null;
        }
        else if (!GoDuration.TryParse(spec.Duration, out duration, out var error))
        {
            violation = new Violation(Metadata.Guard, path, $"\"{spec.Duration}\" {error}", $"write a Go duration such as {GoDuration.Format(limit)}");
        }
        else
        {
            violation = duration > limit
                ? new Violation(Metadata.Guard, path, $"{spec.Duration} ({Lifetime.Describe(duration)}) exceeds the {Lifetime.Limit(limit)} limit", fix)
                : null;
        }

        var summary = $"duration {GoDuration.Format(duration)}";
        if (violation is null) return PolicyVerdict.Pass(summary);
        if (isRequest && owners?.Any(o => o.Kind == "Certificate") == true)
            return PolicyVerdict.Pass(summary) with { Notes = [$"{violation.Path}: {violation.Finding}; fix the owning Certificate"] };
        return PolicyVerdict.Fail([violation], summary);
    }
}
