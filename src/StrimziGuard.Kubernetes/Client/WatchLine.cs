using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>One line of a watch stream: <c>{"type":"ADDED","object":{...}}</c>. ERROR lines carry a Status and are thrown as typed errors.</summary>
internal static class WatchLine
{
    public static WatchEvent<T> Parse<T>(string line, ApiResource resource, bool metadataOnly, string what)
        where T : class
    {
        var node = JsonNode.Parse(line) as JsonObject ?? throw new JsonException($"{what}: a watch line is not a JSON object");
        var type = (string?)node["type"];
        var obj = node["object"] as JsonObject ?? throw new JsonException($"{what}: a watch event has no object");
        if (type == "ERROR")
        {
            var status = k8s.KubernetesJson.Deserialize<k8s.Models.V1Status>(obj.ToJsonString());
            throw KubeApiErrors.From(status.Code ?? 500, status, what);
        }
        var eventType = type switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            _ => throw new JsonException($"{what}: unknown watch event type '{type}'"),
        };
        if (eventType == WatchEventType.Bookmark || metadataOnly)
        {
            if (metadataOnly && eventType != WatchEventType.Bookmark && (string?)obj["kind"] != "PartialObjectMetadata")
                throw new InvalidOperationException($"{what}: asked for metadata only, but the server sent kind '{(string?)obj["kind"]}'; refusing to keep it");
            return new WatchEvent<T>(eventType, MetadataOnly.Typed<T>(obj, resource));
        }
        return new WatchEvent<T>(eventType, Wire.Read<T>(obj));
    }
}
