using System.Text.Json.Nodes;
using StrimziGuard.Core.Patching;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>A patch body and its type (KubernetesClient's <c>V1Patch</c>). The factories add the resourceVersion precondition when given one.</summary>
public sealed record KubePatch(KubePatchType Type, string Body)
{
    public string ContentType => Type == KubePatchType.JsonPatch ? "application/json-patch+json" : "application/merge-patch+json";

    /// <summary>
    /// A JSON Patch. With <paramref name="expectedResourceVersion"/> it starts with a <c>test</c> on <c>/metadata/resourceVersion</c>, so it applies
    /// only to the object that was read; the API server answers 422 (Invalid) when that test fails.
    /// </summary>
    public static KubePatch Json(IEnumerable<JsonPatchOperation> ops, string? expectedResourceVersion = null)
    {
        var all = new List<JsonPatchOperation>();
        if (expectedResourceVersion is not null) all.Add(JsonPatchOperation.Test("/metadata/resourceVersion", expectedResourceVersion));
        all.AddRange(ops);
        return new(KubePatchType.JsonPatch, JsonPatchOperation.ToJson(all).ToJsonString());
    }

    /// <summary>A merge patch. With <paramref name="resourceVersion"/> it carries <c>metadata.resourceVersion</c>, so a stale write gets 409 Conflict.</summary>
    public static KubePatch Merge(JsonObject patch, string? resourceVersion = null)
    {
        var body = (JsonObject)patch.DeepClone();
        if (resourceVersion is not null)
        {
            if (body["metadata"] is not JsonObject meta) body["metadata"] = meta = new JsonObject();
            meta["resourceVersion"] = resourceVersion;
        }
        return new(KubePatchType.MergePatch, body.ToJsonString());
    }
}
