using StrimziGuard.Core;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Testing;

namespace StrimziGuard.Fuzz.Targets;

/// <summary>
/// Mutated AdmissionReview bodies through the codec and the dispatcher, as the server runs them (one endpoint, or the whole guard as
/// the API server experiences it). Pass: the codec answers with an error or a review, the dispatcher with a decision in which no policy
/// errored (house style §4.3: an exception inside a policy is a bug), and the answer serializes.
/// </summary>
public sealed class AdmissionTarget : FuzzTarget
{
    private static readonly GuardOptions Defaulting = GuardOptions.Default with
    {
        CertLifetime = GuardOptions.Default.CertLifetime with { FillDefaults = true },
    };

    private readonly JsonMutator mutator = new(Seeds.AdmissionReviews());
    private readonly AdmissionDispatcher dispatcher = new(PolicyCatalog.Default);
    private readonly ClusterSnapshot snapshot = ManifestLoader.LoadSnapshot([RepositoryRoot.Combine("manifests", "examples", "cluster-state")]);
    private readonly WebhookPath?[] paths = [null, .. PolicyCatalog.Default.Webhooks];

    public override string Name => "admission";

    public override object Generate(Random rng) => new AdmissionInput(mutator.Mutate(rng), rng.Next(paths.Length), rng.Next(4) == 0);

    public override string Execute(object input)
    {
        var (body, path, defaulting) = (AdmissionInput)input;
        var read = AdmissionReviewCodec.Read(body);
        if (read.Review is null) return "400 " + Outcomes.Label(read.Error!);
        var request = read.Review.Request!;
        var decision = dispatcher.Review(request, snapshot, defaulting ? Defaulting : GuardOptions.Default, paths[path]);
        Outcomes.CheckNoPolicyErrored(decision);
        AdmissionReviewCodec.Write(request.Uid, decision);
        return $"200 {decision.Outcome} {string.Join(",", decision.Findings.Select(f => $"{f.PolicyId}={f.Outcome}").Order())}";
    }

    public override string Describe(object input)
    {
        var (body, path, defaulting) = (AdmissionInput)input;
        return $"path {paths[path]?.Path ?? "(whole guard)"}, fillDefaults {defaulting}, body {base.Describe(body)}";
    }

    private sealed record AdmissionInput(byte[] Body, int Path, bool Defaulting);
}
