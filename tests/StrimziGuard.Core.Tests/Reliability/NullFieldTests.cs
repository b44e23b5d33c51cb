using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Options;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Reliability;

/// <summary>
/// The fuzzer's long run found policies throwing on a JSON null where they expected a value (a null list element in a NetworkPolicy).
/// This walks every field and list element of every example review's object, sets it to null, and decides: no policy may error.
/// </summary>
public sealed class NullFieldTests
{
    /// <summary>Keys hold slashes (annotation keys), so paths are joined with a character no key has.</summary>
    private const char Sep = '\u0001';

    [Fact]
    public void Nulling_any_single_field_of_any_example_object_never_makes_a_policy_error()
    {
        var dispatcher = new AdmissionDispatcher(PolicyCatalog.Default);
        var snapshot = Kubernetes.Manifests.ManifestLoader.LoadSnapshot([RepositoryRoot.Combine("manifests", "examples", "cluster-state")]);
        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("manifests", "examples", "admission-reviews"), "*.json").Order(StringComparer.Ordinal))
        {
            var review = JsonNode.Parse(File.ReadAllText(file))!;
            var slots = Slots(review["request"]!["object"] ?? review["request"]!["oldObject"]!, "").ToList();
            foreach (var path in slots)
            {
                var copy = review.DeepClone();
                Nullify(copy["request"]!["object"] ?? copy["request"]!["oldObject"]!, path);
                var read = AdmissionReviewCodec.Read(System.Text.Encoding.UTF8.GetBytes(copy.ToJsonString()));
                if (read.Review is null) continue;
                var decision = dispatcher.Review(read.Review.Request!, snapshot, GuardOptions.Default);
                foreach (var f in decision.Findings.Where(f => f.Outcome == FindingOutcome.Errored)) problems.Add($"{Path.GetFileName(file)} {path.Replace(Sep, '/')}: {f.PolicyId} {f.Reason}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    private static IEnumerable<string> Slots(JsonNode node, string path)
    {
        if (node is JsonObject o)
        {
            foreach (var (k, v) in o)
            {
                yield return $"{path}{Sep}{k}";
                if (v is not null) foreach (var s in Slots(v, $"{path}{Sep}{k}")) yield return s;
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                yield return $"{path}{Sep}{i}";
                if (a[i] is { } v) foreach (var s in Slots(v, $"{path}{Sep}{i}")) yield return s;
            }
        }
    }

    private static void Nullify(JsonNode root, string path)
    {
        var parts = path.Split(Sep, StringSplitOptions.RemoveEmptyEntries);
        var node = root;
        foreach (var part in parts[..^1]) node = node is JsonArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : node[part]!;
        if (node is JsonArray array) array[int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)] = null;
        else node[parts[^1]] = null;
    }
}
