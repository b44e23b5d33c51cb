using System.Text.Json.Nodes;
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

    public JsonNode? Object { get; set; }

    public JsonNode? OldObject { get; set; }

    public bool? DryRun { get; set; }

    public JsonNode? Options { get; set; }

    public bool IsDryRun => DryRun == true;

    /// <summary>The object the request is about: the new object, or for DELETE the old one.</summary>
    public JsonNode? Subject => Object ?? OldObject;

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

    /// <summary>A typed view of <see cref="Subject"/>; throws <see cref="System.Text.Json.JsonException"/> when it does not fit the type.</summary>
    public T SubjectAs<T>() => Api.KubeJson.Read<T>(Subject ?? throw new System.Text.Json.JsonException("the request carries no object"));
}
