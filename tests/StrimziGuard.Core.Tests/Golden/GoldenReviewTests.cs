using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Golden;

/// <summary>
/// Every example AdmissionReview (manifests/examples/admission-reviews) and every extra case here (<c>*.request.json</c>) is answered
/// against the example cluster state, and the answer must equal its <c>*.verified.json</c> beside this file. An extra case may bring
/// <c>NAME.cluster-state.yaml</c>: objects that replace or join the example state's for that case only (a moment of a rotation, say).
/// </summary>
public sealed class GoldenReviewTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(RepositoryRoot.Combine("manifests", "examples", "admission-reviews"), "*.json").Order()) data.Add(Path.GetFileName(f));
        foreach (var f in Directory.EnumerateFiles(Folder, "*.request.json").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    private static string Folder => RepositoryRoot.Combine("tests", "StrimziGuard.Core.Tests", "Golden");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Review_answer_matches_the_verified_file(string file)
    {
        var path = file.EndsWith(".request.json", StringComparison.Ordinal)
            ? Path.Combine(Folder, file)
            : RepositoryRoot.Combine("manifests", "examples", "admission-reviews", file);
        var read = AdmissionReviewCodec.Read(File.ReadAllBytes(path));
        Assert.Null(read.Error);
        var name = file.Replace(".request.json", "").Replace(".json", "");
        var overlay = Path.Combine(Folder, name + ".cluster-state.yaml");
        string[] state = File.Exists(overlay) ? [RepositoryRoot.Combine("manifests", "examples", "cluster-state"), overlay] : [RepositoryRoot.Combine("manifests", "examples", "cluster-state")];
        var snapshot = ManifestLoader.LoadSnapshot(state);

        var decision = new AdmissionDispatcher(PolicyCatalog.Default).Review(read.Review!.Request!, snapshot, GuardOptions.Default);

        var answer = JsonNode.Parse(AdmissionReviewCodec.Write(read.Review.Request!.Uid, decision))!;
        if (answer["response"]?["patch"] is JsonValue patch)
            answer["response"]!["patchDecoded"] = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String((string)patch!)));
        SnapshotFile.Verify(answer.ToJsonString(KubeJson.Indented), name);
    }
}
