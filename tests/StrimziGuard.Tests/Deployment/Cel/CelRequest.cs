using System.Text.Json.Nodes;

namespace StrimziGuard.Tests.Deployment.Cel;

/// <summary>An admission request as the API server matches it against a webhook: the CEL variables <c>request</c>, <c>object</c>, <c>oldObject</c>.</summary>
public sealed record CelRequest(string Title, JsonObject Request, JsonObject? Object, JsonObject? OldObject)
{
    public string Operation => (string)Request["operation"]!;

    public string? Namespace => (string?)Request["namespace"];

    public string Group => (string?)Request["resource"]?["group"] ?? "";

    public string Version => (string)Request["resource"]!["version"]!;

    public string Resource => (string)Request["resource"]!["resource"]!;

    public string SubResource => (string?)Request["subResource"] ?? "";

    /// <summary>The labels objectSelector is matched against: the object's, or the old object's on DELETE.</summary>
    public IReadOnlyDictionary<string, string> Labels =>
        ((Object ?? OldObject)?["metadata"]?["labels"] as JsonObject ?? []).ToDictionary(l => l.Key, l => (string)l.Value!);

    /// <summary>One row of <c>admission-table.json</c>.</summary>
    public static CelRequest FromRow(JsonObject row) =>
        new((string)row["name"]!, (JsonObject)row["request"]!.DeepClone(), row["object"]?.DeepClone() as JsonObject, row["oldObject"]?.DeepClone() as JsonObject);

    public override string ToString() => Title;
}
