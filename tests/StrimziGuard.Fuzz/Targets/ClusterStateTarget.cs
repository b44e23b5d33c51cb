using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Fuzz.Targets;

/// <summary>
/// YAML cluster state as <c>check</c>, <c>review</c> and <c>serve --cluster-state</c> read it: <see cref="YamlDocuments"/>, then
/// <see cref="ManifestLoader.ReadKnown"/> into a snapshot, then one review decided against that snapshot (policies read the state,
/// so odd state must not make them throw). Pass: only <see cref="ManifestException"/> escapes, and no policy errors.
/// </summary>
public sealed class ClusterStateTarget : FuzzTarget
{
    private readonly YamlMutator mutator = new(Seeds.ClusterStateYaml());
    private readonly AdmissionDispatcher dispatcher = new(PolicyCatalog.Default);
    private readonly AdmissionRequest[] requests = Seeds.AdmissionReviews()
        .Select(b => AdmissionReviewCodec.Read(b).Review?.Request).OfType<AdmissionRequest>().ToArray();

    public override string Name => "yaml";

    public override IReadOnlyList<Type> DocumentedExceptions => [typeof(ManifestException)];

    public override object Generate(Random rng) => (mutator.Mutate(rng), rng.Next(requests.Length));

    public override string Execute(object input)
    {
        var (text, request) = ((string, int))input;
        var documents = YamlDocuments.Parse(text);
        var objects = new List<(string, JsonObject)>();
        foreach (var doc in documents)
        {
            // As ManifestLoader does for files: a document must be an object with a kind (its List flattening is not re-done here).
            if (doc is null) continue;
            if (doc is not JsonObject obj || obj["kind"]?.GetValueKind() != JsonValueKind.String) throw new ManifestException("not an object with a kind");
            objects.Add(("fuzz", obj));
        }
        var snapshot = ClusterSnapshot.From(ManifestLoader.ReadKnown(objects).ToList());
        var decision = dispatcher.Review(requests[request], snapshot, GuardOptions.Default);
        Outcomes.CheckNoPolicyErrored(decision);
        return $"loaded {Math.Min(objects.Count, 10)} objects, {decision.Outcome}";
    }

    public override string Describe(object input) => base.Describe(((string, int))input switch { var (t, r) => $"request #{r}\n{t}" });
}
