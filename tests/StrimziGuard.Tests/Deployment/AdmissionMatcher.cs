using System.Text.Json.Nodes;

namespace StrimziGuard.Tests.Deployment;

/// <summary>
/// The API server's choice of webhooks for a request (k8s.io/apiserver webhook/predicates): rules (with the wildcards the API
/// allows, and subresources), scope, namespaceSelector against the namespace's labels (the automatic kubernetes.io/metadata.name
/// included), objectSelector against the object's labels, then matchConditions through <see cref="CelModel"/>.
/// </summary>
internal static class AdmissionMatcher
{
    public static IEnumerable<JsonObject> Matching(AdmissionCall call, IReadOnlyDictionary<string, string>? namespaceLabels = null) =>
        Manifests.Webhooks().Select(e => e.Webhook).Where(w => Matches(w, call, namespaceLabels));

    public static bool Matches(JsonObject webhook, AdmissionCall call, IReadOnlyDictionary<string, string>? namespaceLabels)
    {
        if (!(webhook["rules"] as JsonArray ?? []).OfType<JsonObject>().Any(r => RuleMatches(r, call))) return false;
        if (call.Namespace is not null)
        {
            var labels = new Dictionary<string, string>(namespaceLabels ?? new Dictionary<string, string>()) { ["kubernetes.io/metadata.name"] = call.Namespace };
            if (!SelectorMatches(webhook["namespaceSelector"] as JsonObject, labels)) return false;
        }
        if (!SelectorMatches(webhook["objectSelector"] as JsonObject, call.Labels)) return false;
        return (webhook["matchConditions"] as JsonArray ?? []).All(c =>
            !CelModel.Conditions.TryGetValue((string)c!["name"]!, out var model) || model.Model(call));
    }

    private static bool RuleMatches(JsonObject rule, AdmissionCall call)
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
