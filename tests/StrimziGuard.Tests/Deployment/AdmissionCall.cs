using System.Text.Json.Nodes;
using StrimziGuard.Tests.Deployment.Cel;

namespace StrimziGuard.Tests.Deployment;

/// <summary>A write as the API server sees it before calling webhooks, in short form; <see cref="ToCel"/> gives the CEL variables.</summary>
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

    /// <summary>As the API server hands it to CEL: no <c>oldObject</c> on CREATE, no <c>object</c> on DELETE.</summary>
    public CelRequest ToCel()
    {
        var request = new JsonObject
        {
            ["operation"] = Operation,
            ["userInfo"] = new JsonObject { ["username"] = Username },
            ["resource"] = new JsonObject { ["group"] = Group, ["version"] = Version, ["resource"] = Resource },
            ["name"] = Name,
        };
        if (Namespace is not null) request["namespace"] = Namespace;
        if (SubResource.Length > 0) request["subResource"] = SubResource;
        JsonObject Obj()
        {
            var metadata = new JsonObject { ["name"] = Name, ["labels"] = new JsonObject(Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))) };
            if (Namespace is not null) metadata["namespace"] = Namespace;
            var o = new JsonObject { ["metadata"] = metadata };
            if (DataKeys.Length > 0) o["data"] = new JsonObject(DataKeys.Select(k => KeyValuePair.Create(k, (JsonNode?)"eA==")));
            if (Type is not null) o["type"] = Type;
            return o;
        }
        return new CelRequest(ToString(), request, Operation == "DELETE" ? null : Obj(), Operation == "CREATE" ? null : Obj());
    }
}
