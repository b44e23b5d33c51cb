using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Admission;

public sealed class AdmissionRequest
{
    public string Uid { get; set; } = "";

    public GroupVersionKind? Kind { get; set; }

    public GroupVersionResource? Resource { get; set; }

    public string? SubResource { get; set; }

    public GroupVersionKind? RequestKind { get; set; }

    public GroupVersionResource? RequestResource { get; set; }

    public string? RequestSubResource { get; set; }

    public string? Name { get; set; }

    public string? Namespace { get; set; }

    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    public string Operation { get; set; } = "";

    public UserInfo UserInfo { get; set; } = new();

    private ReviewedObject? obj;
    private ReviewedObject? oldObj;

    /// <summary>The new object as a JSON tree, built on first use; policies that want a typed view call <see cref="SubjectAs{T}"/>.</summary>
    [JsonIgnore]
    public JsonNode? Object
    {
        get => obj?.Node;
        set => obj = ReviewedObject.From(value);
    }

    [JsonIgnore]
    public JsonNode? OldObject
    {
        get => oldObj?.Node;
        set => oldObj = ReviewedObject.From(value);
    }

    /// <summary>How the review carries <c>object</c>: read as one element, so no tree is built unless <see cref="Object"/> is read.</summary>
    [JsonInclude, JsonPropertyName("object")]
    internal JsonElement? ObjectJson
    {
        get => obj?.Element;
        set => obj = ReviewedObject.From(value);
    }

    [JsonInclude, JsonPropertyName("oldObject")]
    internal JsonElement? OldObjectJson
    {
        get => oldObj?.Element;
        set => oldObj = ReviewedObject.From(value);
    }

    public bool? DryRun { get; set; }

    private ReviewedObject? options;

    public JsonNode? Options
    {
        get => options?.Node;
        set => options = ReviewedObject.From(value);
    }

    public bool IsDryRun => DryRun == true;

    /// <summary>Set by the codec's fast path: the objects as slices of the body, checked as they were cut.</summary>
    internal void KeepSlices(ReviewedObject? obj, ReviewedObject? oldObj, ReviewedObject? options)
    {
        this.obj = obj;
        this.oldObj = oldObj;
        this.options = options;
    }

    /// <summary>The object the request is about: the new object, or for DELETE the old one.</summary>
    public JsonNode? Subject => Object ?? OldObject;

    /// <summary>What <c>object</c> and <c>oldObject</c> are (absent, an object, an array...), without building a tree.</summary>
    internal (JsonValueKind? Object, JsonValueKind? OldObject) ObjectKinds => (obj?.Kind, oldObj?.Kind);

    private ReviewedObject SubjectObject => obj ?? oldObj ?? throw new JsonException("the request carries no object");

    /// <summary>A copy with another object, e.g. the result of the mutations so far.</summary>
    public AdmissionRequest WithObject(JsonNode? obj)
    {
        var copy = (AdmissionRequest)MemberwiseClone();
        copy.Object = obj;
        return copy;
    }

    /// <summary>The same request as if <paramref name="obj"/> were being created now (used to find the violations an old object already had).</summary>
    public AdmissionRequest AsCreateOf(JsonNode obj)
    {
        var copy = (AdmissionRequest)MemberwiseClone();
        copy.Operation = "CREATE";
        copy.Object = obj;
        copy.OldObject = null;
        return copy;
    }

    /// <summary>
    /// A typed view of <see cref="Subject"/> to decide on; fields the type does not model are skipped, so it must not be written back
    /// (<see cref="SubjectToChangeAs{T}"/>). Throws <see cref="JsonException"/> when the object does not fit the type.
    /// </summary>
    public T SubjectAs<T>() => SubjectObject.Read<T>(KubeJson.ReadOnlyView);

    /// <summary>A typed copy of <see cref="Subject"/> to change and diff into a patch: fields the type does not model are kept.</summary>
    public T SubjectToChangeAs<T>() => SubjectObject.Read<T>(KubeJson.Options);

    /// <summary>A typed view of one top-level member of <see cref="Subject"/> (a pod's <c>metadata</c>), reading nothing else.</summary>
    public T SubjectMemberAs<T>(string name) where T : class =>
        SubjectMemberOrNullAs<T>(name) ?? throw new JsonException($"the object has no {name}");

    /// <summary>The same, read by <paramref name="read"/> when the review's bytes allow (<see cref="ReviewedObject.ReadMember{T}(string, ReviewedObject.MemberReader{T})"/>).</summary>
    internal T SubjectMemberAs<T>(string name, ReviewedObject.MemberReader<T> read) where T : class =>
        SubjectObject.ReadMember(name, read) ?? throw new JsonException($"the object has no {name}");

    /// <summary>The same, null when <see cref="Subject"/> has no such member.</summary>
    public T? SubjectMemberOrNullAs<T>(string name) where T : class => SubjectObject.ReadMember<T>(name);

    /// <summary>A typed view of one top-level member of <see cref="Object"/>, null when there is no object or no such member; no tree is built.</summary>
    public T? ObjectMemberAs<T>(string name) where T : class => obj?.ReadMember<T>(name);

    /// <summary>The same, read by <paramref name="read"/> when the review's bytes allow (<see cref="ReviewedObject.ReadMember{T}(string, ReviewedObject.MemberReader{T})"/>).</summary>
    internal T? ObjectMemberAs<T>(string name, ReviewedObject.MemberReader<T> read) where T : class => obj?.ReadMember(name, read);

    /// <inheritdoc cref="ObjectMemberAs{T}"/>
    public T? OldObjectMemberAs<T>(string name) where T : class => oldObj?.ReadMember<T>(name);

    /// <summary>
    /// False only when <see cref="Object"/>'s member <paramref name="name"/>, as the review carried it, cannot hold the ASCII
    /// <paramref name="text"/>: there is no such member, or its JSON has neither the text nor an escape that could spell it. A test of a
    /// few nanoseconds before a typed read that matters only when the member names something.
    /// </summary>
    public bool ObjectMemberMayContain(string name, ReadOnlySpan<byte> text) => obj is not null && obj.MemberMayContain(name, text);

    /// <inheritdoc cref="ObjectMemberMayContain"/>
    public bool OldObjectMemberMayContain(string name, ReadOnlySpan<byte> text) => oldObj is not null && oldObj.MemberMayContain(name, text);

    public bool HasObject => obj is not null;

    public bool HasOldObject => oldObj is not null;
}
