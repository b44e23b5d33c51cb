using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Patching;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.CertLifetime;

/// <summary>
/// Optional (<c>certLifetime.fillDefaults</c>, off by default): where a Kafka CR leaves a CA's validityDays or renewalDays unset,
/// fill in compliant values and say so, instead of letting Strimzi's 365/30 apply. Values the user set are never changed.
/// </summary>
internal sealed class KafkaCaDefaultsPolicy : IAdmissionPolicy
{
    public PolicyMetadata Metadata { get; } = new("cert-lifetime.kafka-ca-defaults", GuardIds.CertLifetime, WebhookKind.Mutating, [StrimziResources.Kafkas])
    {
        Judges = "`Kafka`",
        Rule = "Fills unset CA `validityDays`/`renewalDays` with compliant values (7 and 2), with a warning. Values the user "
            + "set are never changed.",
        RegisteredOnly = "with `manifests/components/fill-defaults` and `certLifetime.fillDefaults: true`",
    };

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        var maxDays = options.CertLifetime.MaxValidityDays;
        if (!options.CertLifetime.FillDefaults || maxDays < 1) return PolicyVerdict.NotApplicable;

        var original = request.SubjectToChangeAs<Kafka>();
        var result = KubeJson.Clone(original);
        result.Spec ??= new KafkaSpec();
        var notes = new List<string>();
        result.Spec.ClusterCa = Fill("clusterCa", result.Spec.ClusterCa, maxDays, notes);
        result.Spec.ClientsCa = Fill("clientsCa", result.Spec.ClientsCa, maxDays, notes);

        var patch = JsonPatchDiff.Diff(original, result);
        return patch.Count == 0 ? PolicyVerdict.Pass("nothing to fill in") : PolicyVerdict.Patched(patch, notes, string.Join("; ", notes));
    }

    private static CertificateAuthority Fill(string name, CertificateAuthority? ca, int maxDays, List<string> notes)
    {
        ca ??= new CertificateAuthority();
        if (ca.ValidityDays is not > 0)
        {
            ca.ValidityDays = maxDays;
            notes.Add($"set spec.{name}.validityDays to {maxDays} (unset means {StrimziCaDefaults.ValidityDays})");
        }
        if (ca.RenewalDays is not > 0 && StrimziCaDefaults.RenewalDays >= ca.ValidityDays && ca.ValidityDays >= 2)
        {
            ca.RenewalDays = StrimziCaDefaults.SuggestedRenewal(ca.ValidityDays.Value);
            notes.Add($"set spec.{name}.renewalDays to {ca.RenewalDays} (unset means {StrimziCaDefaults.RenewalDays})");
        }
        return ca;
    }
}
