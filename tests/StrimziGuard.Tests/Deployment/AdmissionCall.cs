using System.Text.Json.Nodes;

namespace StrimziGuard.Tests.Deployment;

/// <summary>A write as the API server sees it before calling webhooks: what the simulation matches the rendered configurations against.</summary>
public sealed record AdmissionCall(string Operation, string Group, string Version, string Resource, string? Namespace, string Name, string Username)
{
    public string SubResource { get; init; } = "";

    /// <summary>The object's labels (the old object's for DELETE); objectSelector and CEL read these.</summary>
    public Dictionary<string, string> Labels { get; init; } = [];

    /// <summary>For Secrets: the keys of <c>data</c> and the <c>type</c>.</summary>
    public string[] DataKeys { get; init; } = [];

    public string? Type { get; init; }

    public AdmissionCall WithLabels(params (string Key, string Value)[] labels) => this with { Labels = labels.ToDictionary(l => l.Key, l => l.Value) };

    public override string ToString() =>
        $"{Operation} {(Group.Length == 0 ? "" : Group + "/")}{Version}/{Resource}{(SubResource.Length == 0 ? "" : "/" + SubResource)} {Namespace}/{Name} by {Username}";

    public static AdmissionCall OfCore(string operation, string resource, string? ns, string name, string user) => new(operation, "", "v1", resource, ns, name, user);

    public JsonObject LabelsJson => new(Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
}
