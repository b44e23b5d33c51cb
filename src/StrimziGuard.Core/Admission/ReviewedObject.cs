using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// <c>request.object</c>, <c>request.oldObject</c> or <c>request.options</c> as the review carried it. Read by the fast path it is a slice
/// of the body (a copy of the body for <see cref="AdmissionReviewCodec.Read"/>, the pooled body itself for
/// <see cref="AdmissionReviewCodec.ReadInPlace"/>), already checked for syntax and duplicate keys: typed views are read straight from those
/// bytes, and a <see cref="JsonNode"/> tree is built only when a caller asks for one (building every node of a 5 KB pod for each request
/// was the largest cost of the codec). Read by the careful path it is an element of the deserializer's own copy. Once the tree has been
/// handed out it may have been changed, so from then on every read goes through it.
/// </summary>
internal sealed class ReviewedObject
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = KubeJson.Options.MaxDepth };

    private readonly ReadOnlyMemory<byte> utf8;
    private readonly TopLevelMembers members;
    private readonly ReviewBody? body;
    private readonly JsonElement element;
    private JsonNode? node;

    private ReviewedObject(ReadOnlyMemory<byte> utf8, TopLevelMembers members, ReviewBody? body, JsonElement element, JsonNode? node)
    {
        this.utf8 = utf8;
        this.members = members;
        this.body = body;
        this.element = element;
        this.node = node;
    }

    /// <summary>A JSON object's bytes, checked by the reader that sliced them; <paramref name="body"/> says when they are given back.</summary>
    public static ReviewedObject From(ReadOnlyMemory<byte> utf8, ReviewBody? body, TopLevelMembers members) => new(utf8, members, body, default, null);

    public static ReviewedObject? From(JsonElement? element) =>
        element is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } e ? new(default, default, null, e, null) : null;

    public static ReviewedObject? From(JsonNode? node) => node is null ? null : new(default, default, null, default, node);

    private bool IsSlice => node is null && element.ValueKind == JsonValueKind.Undefined;

    /// <summary>Object, Array, String...: known without building the tree (a slice is always an object).</summary>
    public JsonValueKind Kind => node?.GetValueKind() ?? (IsSlice ? JsonValueKind.Object : element.ValueKind);

    public JsonNode Node => node ??= IsSlice ? JsonNode.Parse(Bytes, documentOptions: DocumentOptions)! : element.ValueKind switch
    {
        // Backed by the element: each level's members are made when that level is first read.
        JsonValueKind.Object => JsonObject.Create(element)!,
        JsonValueKind.Array => JsonArray.Create(element)!,
        _ => JsonValue.Create(element)!,
    };

    /// <summary>For writing the review back: the element while no tree exists, else the tree as it is now.</summary>
    public JsonElement Element => node is not null ? JsonSerializer.SerializeToElement(node, KubeJson.Options)
        : IsSlice ? JsonElement.Parse(Bytes, DocumentOptions)
        : element;

    /// <param name="options"><see cref="KubeJson.ReadOnlyView"/> to skip the fields the type does not model, or <see cref="KubeJson.Options"/>.</param>
    public T Read<T>(JsonSerializerOptions options)
    {
        if (node is not null) return KubeJson.Read<T>(node, options);
        if (!IsSlice) return KubeJson.Read<T>(element, options);
        return JsonSerializer.Deserialize<T>(Bytes, options) ?? throw new JsonException($"expected a {typeof(T).Name} object, found null");
    }

    /// <summary>
    /// A read-only typed view of one top-level member (a pod's <c>metadata</c>), without reading the rest of the object; null when the
    /// object has no such member.
    /// </summary>
    public T? ReadMember<T>(string name) where T : class => ReadMember<T>(name, null);

    /// <summary>
    /// The same, read from the checked bytes by <paramref name="read"/> (a view cut to what one policy decides on), or by the deserializer
    /// in full when the object is a tree or an element or <paramref name="read"/> declines.
    /// </summary>
    public T? ReadMember<T>(string name, MemberReader<T>? read) where T : class
    {
        try
        {
            return ReadMemberAt(name, read);
        }
        catch (JsonException e) when (e.Path is ['$', ..] path)
        {
            // Where in the object, not in the member: a denial names spec.clusterCa.validityDays, not clusterCa.validityDays.
            throw new JsonException(e.Message, $"$.{name}{path[1..]}", e.LineNumber, e.BytePositionInLine, e);
        }
    }

    private T? ReadMemberAt<T>(string name, MemberReader<T>? read) where T : class
    {
        if (node is not null) return node is JsonObject o && o[name] is { } m ? KubeJson.Read<T>(m, KubeJson.ReadOnlyView) : null;
        if (!IsSlice)
        {
            return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var member) && member.ValueKind != JsonValueKind.Null
                ? KubeJson.Read<T>(member, KubeJson.ReadOnlyView)
                : null;
        }
        // Keys were checked unique when the slice was cut, and each top-level member's place noted.
        if (!members.TryFind(Bytes, name, out var value) || value.SequenceEqual("null"u8)) return null;
        // The views every NetworkPolicy or pod review reads are read by hand; whatever those readers do not take, the deserializer reads.
        if (read is not null && read(value, out var view)) return view;
        if (typeof(T) == typeof(V1ObjectMeta) && ObjectMetaReader.TryRead(value, out var meta)) return (T)(object)meta;
        if (typeof(T) == typeof(V1NetworkPolicySpec) && NetworkPolicySpecReader.TryRead(value, out var spec)) return (T)(object)spec;
        return JsonSerializer.Deserialize<T>(value, KubeJson.ReadOnlyView);
    }

    /// <summary>Reads a view from a member's checked bytes; false to leave the member to the deserializer.</summary>
    public delegate bool MemberReader<T>(ReadOnlySpan<byte> json, [NotNullWhen(true)] out T? value) where T : class;

    /// <summary>See <see cref="AdmissionRequest.ObjectMemberMayContain"/>; a tree or an element may hold anything (true).</summary>
    public bool MemberMayContain(string name, ReadOnlySpan<byte> text)
    {
        if (!IsSlice) return true;
        if (!members.TryFind(Bytes, name, out var value)) return false;
        return value.IndexOf(text) >= 0 || value.Contains((byte)'\\');
    }

    private ReadOnlySpan<byte> Bytes
    {
        get
        {
            body?.ThrowIfReturned();
            return utf8.Span;
        }
    }
}
