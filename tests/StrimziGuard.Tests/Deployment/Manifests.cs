using System.Text.Json.Nodes;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Deployment;

/// <summary><c>manifests/</c> rendered once by the test renderer, with lookups the deployment tests share.</summary>
internal static class Manifests
{
    public const string GuardNamespace = "strimzi-guard";

    private static readonly Lazy<IReadOnlyList<JsonObject>> Base = new(() => Kustomization.Render(RepositoryRoot.Combine("manifests")));

    private static readonly Lazy<IReadOnlyList<JsonObject>> ClusterWideInstall = new(() => Kustomization.Render(RepositoryRoot.Combine("manifests/cluster-wide")));

    private static readonly Lazy<IReadOnlyList<JsonObject>> FillDefaultsInstall = new(() => RenderEdited(dir =>
    {
        Edit(Path.Combine(dir, "base", "config.yaml"), "fillDefaults: false", "fillDefaults: true");
        Edit(Path.Combine(dir, "base", "kustomization.yaml"), "\nimages:", "\ncomponents: [../components/fill-defaults]\n\nimages:");
    }));

    public static IReadOnlyList<JsonObject> All => Base.Value;

    /// <summary>manifests/cluster-wide: every namespace.</summary>
    public static IReadOnlyList<JsonObject> ClusterWide => ClusterWideInstall.Value;

    /// <summary>manifests/ with certLifetime.fillDefaults and the fill-defaults component switched on, as the README says.</summary>
    public static IReadOnlyList<JsonObject> FillDefaults => FillDefaultsInstall.Value;

    /// <summary>The watched namespaces of the rendered configuration.</summary>
    public static IReadOnlyList<string> WatchNamespaces(IReadOnlyList<JsonObject> rendered) =>
        StrimziGuard.Kubernetes.Manifests.GuardOptionsFile.Parse("config.yaml", (string)rendered.Single(o => (string?)o["kind"] == "ConfigMap" && (string?)o["metadata"]?["name"] == "strimzi-guard-config")["data"]!["config.yaml"]!).WatchNamespaces;

    /// <summary>A copy of manifests/ changed by <paramref name="edit"/>, rendered.</summary>
    public static List<JsonObject> RenderEdited(Action<string> edit)
    {
        var copy = Directory.CreateTempSubdirectory("strimzi-guard-manifests-");
        try
        {
            var from = RepositoryRoot.Combine("manifests");
            foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(dir.Replace(from, copy.FullName, StringComparison.Ordinal));
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories)) File.Copy(file, file.Replace(from, copy.FullName, StringComparison.Ordinal));
            edit(copy.FullName);
            return Kustomization.Render(copy.FullName);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    /// <summary>Replaces text that must be there.</summary>
    public static void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        if (!text.Contains(from, StringComparison.Ordinal)) throw new InvalidOperationException($"{file} has no '{from}'");
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    public static JsonObject Single(string kind, string name) =>
        All.SingleOrDefault(o => (string?)o["kind"] == kind && (string?)o["metadata"]?["name"] == name)
        ?? throw new InvalidOperationException($"manifests/ renders no {kind} {name}");

    public static IEnumerable<JsonObject> OfKind(string kind) => All.Where(o => (string?)o["kind"] == kind);

    /// <summary>Every webhook entry of both configurations, with the kind of configuration it is in.</summary>
    public static IEnumerable<(string Kind, JsonObject Webhook)> Webhooks(IReadOnlyList<JsonObject>? rendered = null) =>
        from kind in new[] { "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration" }
        from config in (rendered ?? All).Where(o => (string?)o["kind"] == kind)
        from webhook in (config["webhooks"] as JsonArray ?? []).OfType<JsonObject>()
        select (kind, webhook);

    public static JsonObject PodSpec => (JsonObject)Single("Deployment", "strimzi-guard")["spec"]!["template"]!["spec"]!;

    public static JsonObject Container => (JsonObject)((JsonArray)PodSpec["containers"]!).Single()!;

    public static IEnumerable<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(n => (string)n!);
}
