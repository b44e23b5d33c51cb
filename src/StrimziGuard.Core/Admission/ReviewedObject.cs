using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// <c>request.object</c> or <c>request.oldObject</c> as the review carried it. Read from the body it is an element of the body's one
/// parse (a copy of the body for <see cref="AdmissionReviewCodec.Read"/>, the pooled body itself for
/// <see cref="AdmissionReviewCodec.ReadInPlace"/>): typed views are read straight from those bytes, and a <see cref="JsonNode"/> tree is
/// built only when a caller asks for one (building every node of a 5 KB pod for each request was the largest cost of the codec). Once
/// the tree has been handed out it may have been changed, so from then on every read goes through it.
/// </summary>
internal sealed class ReviewedObject
{
    private readonly JsonElement element;
    private JsonNode? node;

    private ReviewedObject(JsonElement element, JsonNode? node)
    {
        this.element = element;
        this.node = node;
    }

    public static ReviewedObject? From(JsonElement? element) =>
        element is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } e ? new(e, null) : null;

    public static ReviewedObject? From(JsonNode? node) => node is null ? null : new(default, node);

    /// <summary>Object, Array, String...: known without building the tree.</summary>
    public JsonValueKind Kind => node?.GetValueKind() ?? element.ValueKind;

    public JsonNode Node => node ??= element.ValueKind switch
    {
        // Backed by the element: each level's members are made when that level is first read.
        JsonValueKind.Object => JsonObject.Create(element)!,
        JsonValueKind.Array => JsonArray.Create(element)!,
        _ => JsonValue.Create(element)!,
    };

    /// <summary>For writing the review back: the element while no tree exists, else the tree as it is now.</summary>
    public JsonElement Element => node is null ? element : JsonSerializer.SerializeToElement(node, KubeJson.Options);

    /// <param name="options"><see cref="KubeJson.ReadOnlyView"/> to skip the fields the type does not model, or <see cref="KubeJson.Options"/>.</param>
    public T Read<T>(JsonSerializerOptions options) => node is null ? KubeJson.Read<T>(element, options) : KubeJson.Read<T>(node, options);

    /// <summary>
    /// A read-only typed view of one top-level member (a pod's <c>metadata</c>), without reading the rest of the object; null when the
    /// object has no such member.
    /// </summary>
    public T? ReadMember<T>(string name) where T : class
    {
        if (node is not null) return node is JsonObject o && o[name] is { } m ? KubeJson.Read<T>(m, KubeJson.ReadOnlyView) : null;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var member) && member.ValueKind != JsonValueKind.Null
            ? KubeJson.Read<T>(member, KubeJson.ReadOnlyView)
            : null;
    }
}
