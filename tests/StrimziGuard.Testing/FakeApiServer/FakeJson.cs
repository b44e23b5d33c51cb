using System.Text.Json.Nodes;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>Shapes of the test double's answers: Status bodies, lists, PartialObjectMetadata.</summary>
internal static class FakeJson
{
    public const string MetaApiVersion = "meta.k8s.io/v1";

    public static JsonObject Status(int code, string reason, string message, string? name = null, string? group = null, string? kind = null, int? retryAfter = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = code < 400 ? "Success" : "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (name is not null || kind is not null || retryAfter is not null)
        {
            var details = new JsonObject();
            if (name is not null) details["name"] = name;
            if (group is not null) details["group"] = group;
            if (kind is not null) details["kind"] = kind;
            if (retryAfter is not null) details["retryAfterSeconds"] = retryAfter;
            status["details"] = details;
        }
        if (code < 400) status.Remove("reason");
        return status;
    }

    /// <summary>The object as served at <paramref name="resource"/>'s version (storage is shared across versions, like a CRD without conversion).</summary>
    public static JsonObject Served(JsonObject stored, FakeResource resource, bool metadataOnly)
    {
        if (metadataOnly)
            return new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = MetaApiVersion, ["metadata"] = stored["metadata"]?.DeepClone() };
        var copy = stored.DeepClone().AsObject();
        copy["apiVersion"] = resource.ApiVersion;
        copy["kind"] = resource.Kind;
        return copy;
    }

    public static JsonObject List(FakeResource resource, bool metadataOnly, long version, IEnumerable<JsonObject> items, string? continueToken, long? remaining)
    {
        var meta = new JsonObject { ["resourceVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (continueToken is not null) meta["continue"] = continueToken;
        if (remaining is not null) meta["remainingItemCount"] = remaining;
        return new JsonObject
        {
            ["kind"] = metadataOnly ? "PartialObjectMetadataList" : resource.Kind + "List",
            ["apiVersion"] = metadataOnly ? MetaApiVersion : resource.ApiVersion,
            ["metadata"] = meta,
            ["items"] = new JsonArray(items.Select(i => (JsonNode?)Served(i, resource, metadataOnly)).ToArray()),
        };
    }
}
