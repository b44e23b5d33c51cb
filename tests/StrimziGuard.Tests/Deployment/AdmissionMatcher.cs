using System.Text.Json.Nodes;
using StrimziGuard.Tests.Deployment.Cel;

namespace StrimziGuard.Tests.Deployment;

/// <summary>
/// The API server's choice of webhooks for a request (k8s.io/apiserver webhook/predicates): rules (with the wildcards the API allows, and
/// subresources), scope, namespaceSelector against the namespace's labels (the automatic kubernetes.io/metadata.name included),
/// objectSelector against the object's labels, then every matchCondition evaluated by a real CEL engine (<see cref="CelEngine"/>).
/// A condition that fails to evaluate is reported as such: on a Fail entry the API server would reject the request.
/// </summary>
internal static class AdmissionMatcher
{
    public static IEnumerable<JsonObject> Matching(CelRequest request, IEnumerable<JsonObject>? webhooks = null) =>
        (webhooks ?? Manifests.Webhooks().Select(e => e.Webhook)).Where(w => Matches(w, request));

    public static bool Matches(JsonObject webhook, CelRequest request)
    {
        if (!(webhook["rules"] as JsonArray ?? []).OfType<JsonObject>().Any(r => RuleMatches(r, request))) return false;
        if (request.Namespace is { } ns && !SelectorMatches(webhook["namespaceSelector"] as JsonObject, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = ns }))
            return false;
        if (!SelectorMatches(webhook["objectSelector"] as JsonObject, request.Labels)) return false;
        foreach (var condition in (webhook["matchConditions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var (value, error) = CelEngine.Evaluate((string)condition["expression"]!, request);
            if (error is not null) throw new InvalidOperationException($"{(string?)webhook["name"]} matchCondition {(string?)condition["name"]} fails on '{request}': {error}");
            if (value != true) return false;
        }
        return true;
    }

    private static bool RuleMatches(JsonObject rule, CelRequest call)
    {
        static bool In(JsonNode? list, string value) => Manifests.Strings(list).Any(v => v == "*" || v == value);
        var resource = call.SubResource.Length == 0 ? call.Resource : $"{call.Resource}/{call.SubResource}";
        var resourceMatch = Manifests.Strings(rule["resources"]).Any(r => r == "*" || r == resource || r == "*/*"
            || (r.EndsWith("/*", StringComparison.Ordinal) && r[..^2] == call.Resource && call.SubResource.Length > 0)
            || (r.StartsWith("*/", StringComparison.Ordinal) && r[2..] == call.SubResource));
        var scope = (string?)rule["scope"] ?? "*";
        var scopeMatch = scope == "*" || (scope == "Namespaced") == (call.Namespace is not null);
        return In(rule["apiGroups"], call.Group) && In(rule["apiVersions"], call.Version) && In(rule["operations"], call.Operation) && resourceMatch && scopeMatch;
    }

    /// <summary>A LabelSelector; absent or empty selects everything.</summary>
    public static bool SelectorMatches(JsonObject? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null) return true;
        foreach (var (key, value) in selector["matchLabels"] as JsonObject ?? [])
        {
            if (!labels.TryGetValue(key, out var v) || v != (string?)value) return false;
        }
        foreach (var e in (selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = (string)e["key"]!;
            var values = Manifests.Strings(e["values"]).ToHashSet();
            var has = labels.TryGetValue(key, out var v);
            var ok = (string)e["operator"]! switch
            {
                "In" => has && values.Contains(v!),
                "NotIn" => !has || !values.Contains(v!),
                "Exists" => has,
                "DoesNotExist" => !has,
                var op => throw new NotSupportedException($"selector operator {op}"),
            };
            if (!ok) return false;
        }
        return true;
    }
}
