using System.Text.Json.Nodes;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>RFC 7386 JSON merge patch: objects merge key by key, <c>null</c> deletes, anything else (arrays included) replaces.</summary>
internal static class FakeMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var result = target is JsonObject t ? t.DeepClone().AsObject() : new JsonObject();
        foreach (var (key, value) in p)
        {
            if (value is null) result.Remove(key);
            else result[key] = Apply(result[key], value);
        }
        return result;
    }
}
