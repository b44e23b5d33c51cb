using System.Text.Json.Nodes;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Deployment;

/// <summary><c>manifests/</c> rendered once by the test renderer, with lookups the deployment tests share.</summary>
internal static class Manifests
{
    public const string GuardNamespace = "strimzi-guard";

    private static readonly Lazy<IReadOnlyList<JsonObject>> Base = new(() => Kustomization.Render(RepositoryRoot.Combine("manifests")));

    public static IReadOnlyList<JsonObject> All => Base.Value;

    public static JsonObject Single(string kind, string name) =>
        All.SingleOrDefault(o => (string?)o["kind"] == kind && (string?)o["metadata"]?["name"] == name)
        ?? throw new InvalidOperationException($"manifests/ renders no {kind} {name}");

    public static IEnumerable<JsonObject> OfKind(string kind) => All.Where(o => (string?)o["kind"] == kind);

    /// <summary>Every webhook entry of both configurations, with the kind of configuration it is in.</summary>
    public static IEnumerable<(string Kind, JsonObject Webhook)> Webhooks() =>
        from kind in new[] { "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration" }
        from config in OfKind(kind)
        from webhook in (config["webhooks"] as JsonArray ?? []).OfType<JsonObject>()
        select (kind, webhook);

    public static JsonObject PodSpec => (JsonObject)Single("Deployment", "strimzi-guard")["spec"]!["template"]!["spec"]!;

    public static JsonObject Container => (JsonObject)((JsonArray)PodSpec["containers"]!).Single()!;

    public static IEnumerable<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(n => (string)n!);
}
