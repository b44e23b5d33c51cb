using System.Text.Json.Nodes;
using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>
/// Reads <c>PartialObjectMetadata</c> answers. If a server (or a proxy) ignored the <c>as=PartialObjectMetadata</c> request and sent the
/// whole object, we refuse it rather than hold data we asked not to see: CA key Secrets contain private keys.
/// </summary>
internal static class MetadataOnly
{
    public static T Read<T>(JsonObject node, ApiResource resource)
        where T : class
    {
        if ((string?)node["kind"] != "PartialObjectMetadata")
            throw new InvalidOperationException($"{resource}: asked for metadata only, but the server sent kind '{(string?)node["kind"]}'; refusing to keep it");
        return Typed<T>(node, resource);
    }

    public static KubeList<T> ReadList<T>(JsonObject node, ApiResource resource)
        where T : class
    {
        if ((string?)node["kind"] != "PartialObjectMetadataList")
            throw new InvalidOperationException($"{resource}: asked for a metadata-only list, but the server sent kind '{(string?)node["kind"]}'; refusing to keep it");
        return new KubeList<T>
        {
            ApiVersion = (string?)node["apiVersion"],
            Kind = "PartialObjectMetadataList",
            Metadata = node["metadata"] is JsonObject m ? k8s.KubernetesJson.Deserialize<k8s.Models.V1ListMeta>(m.ToJsonString()) : new k8s.Models.V1ListMeta(),
            Items = (node["items"] as JsonArray ?? []).OfType<JsonObject>().Select(i => Typed<T>(i, resource)).ToList(),
        };
    }

    /// <summary>Only metadata is copied across, whatever else the answer held.</summary>
    public static T Typed<T>(JsonObject node, ApiResource resource)
        where T : class
    {
        var copy = new JsonObject
        {
            ["apiVersion"] = resource.ApiVersion,
            ["kind"] = resource.Kind,
            ["metadata"] = node["metadata"]?.DeepClone(),
        };
        return Wire.Read<T>(copy);
    }
}
