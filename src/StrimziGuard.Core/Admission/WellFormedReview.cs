using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// The codec's fast path: a well-formed <c>admission.k8s.io/v1</c> AdmissionReview, as the API server sends it, read from one parse of
/// the body. The envelope's few fields are taken from the parsed document by hand and the objects stay elements of it, so the body is
/// tokenized once; deserializing the envelope tokenized the object twice more (to skip it, then to copy it out), about half of a pod's
/// read. Anything this does not recognise (a field of the wrong type, an unknown envelope field, a duplicate key) returns null and the
/// codec's careful path reads it and words the problem.
/// </summary>
internal static class WellFormedReview
{
    /// <summary>How the body is parsed: no duplicate key, Kubernetes' depth.</summary>
    public static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = KubeJson.Options.MaxDepth, AllowDuplicateProperties = false };

    /// <summary>Parses a copy of the body; the review owns it.</summary>
    public static AdmissionReview? TryRead(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return TryRead(JsonElement.Parse(utf8, ParseOptions));
        }
        catch (JsonException)
        {
            return null; // not JSON, too deep, or a duplicate key
        }
    }

    /// <summary>Reads the envelope of a parsed body; the objects stay elements of <paramref name="root"/>'s document.</summary>
    public static AdmissionReview? TryRead(JsonElement root)
    {
        try
        {
            if (root.ValueKind != JsonValueKind.Object) return null;
            string? apiVersion = null, kind = null;
            AdmissionRequest? request = null;
            foreach (var p in root.EnumerateObject())
            {
                if (p.NameEquals("apiVersion") && TryString(p.Value, out apiVersion)) continue;
                if (p.NameEquals("kind") && TryString(p.Value, out kind)) continue;
                if (p.NameEquals("request") && (request = Request(p.Value)) is not null) continue;
                return null;
            }
            return new AdmissionReview { ApiVersion = apiVersion, Kind = kind, Request = request };
        }
        catch (InvalidOperationException)
        {
            return null; // a string that is not valid UTF-8
        }
    }

    private static AdmissionRequest? Request(JsonElement r)
    {
        if (r.ValueKind != JsonValueKind.Object) return null;
        var request = new AdmissionRequest();
        foreach (var p in r.EnumerateObject())
        {
            var v = p.Value;
            string? text;
            switch (p.Name)
            {
                case "uid" when TryString(v, out text): request.Uid = text ?? ""; break;
                case "operation" when TryString(v, out text): request.Operation = text ?? ""; break;
                case "name" when TryString(v, out text): request.Name = text; break;
                case "namespace" when TryString(v, out text): request.Namespace = text; break;
                case "subResource" when TryString(v, out text): request.SubResource = text; break;
                case "requestSubResource" when TryString(v, out text): request.RequestSubResource = text; break;
                case "kind" when TryTriple(v, "kind", out var t): request.Kind = KindOf(t); break;
                case "requestKind" when TryTriple(v, "kind", out var t): request.RequestKind = KindOf(t); break;
                case "resource" when TryTriple(v, "resource", out var t): request.Resource = ResourceOf(t); break;
                case "requestResource" when TryTriple(v, "resource", out var t): request.RequestResource = ResourceOf(t); break;
                case "userInfo" when TryUserInfo(v, out var user): request.UserInfo = user!; break;
                case "dryRun" when v.ValueKind is JsonValueKind.True or JsonValueKind.False: request.DryRun = v.GetBoolean(); break;
                case "dryRun" when v.ValueKind is JsonValueKind.Null: request.DryRun = null; break;
                case "object": request.ObjectJson = v; break;
                case "oldObject": request.OldObjectJson = v; break;
                // Backed by the element: nothing is built unless a policy reads the options.
                case "options" when v.ValueKind == JsonValueKind.Object: request.Options = JsonObject.Create(v); break;
                case "options" when v.ValueKind == JsonValueKind.Null: request.Options = null; break;
                default: return null;
            }
        }
        return request;
    }

    private static bool TryString(JsonElement v, out string? value)
    {
        value = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return v.ValueKind is JsonValueKind.String or JsonValueKind.Null;
    }

    private static GroupVersionKind? KindOf((string? Group, string? Version, string? Name)? t) =>
        t is { } k ? new(k.Group!, k.Version!, k.Name!) : null;

    private static GroupVersionResource? ResourceOf((string? Group, string? Version, string? Name)? t) =>
        t is { } r ? new(r.Group!, r.Version!, r.Name!) : null;

    /// <summary>
    /// <c>{group, version, kind|resource}</c>, or null (then <paramref name="triple"/> is null): strings; a missing one is null, as the
    /// deserializer leaves it.
    /// </summary>
    private static bool TryTriple(JsonElement v, string third, out (string? Group, string? Version, string? Name)? triple)
    {
        triple = null;
        if (v.ValueKind == JsonValueKind.Null) return true;
        if (v.ValueKind != JsonValueKind.Object) return false;
        string? group = null, version = null, name = null;
        foreach (var p in v.EnumerateObject())
        {
            if (p.NameEquals("group") && TryString(p.Value, out group)) continue;
            if (p.NameEquals("version") && TryString(p.Value, out version)) continue;
            if (p.NameEquals(third) && TryString(p.Value, out name)) continue;
            return false;
        }
        triple = (group, version, name);
        return true;
    }

    private static bool TryUserInfo(JsonElement v, out UserInfo? user)
    {
        user = null;
        if (v.ValueKind != JsonValueKind.Object) return false;
        var info = new UserInfo();
        foreach (var p in v.EnumerateObject())
        {
            if (p.NameEquals("username") && TryString(p.Value, out var name)) info.Username = name;
            else if (p.NameEquals("uid") && TryString(p.Value, out var uid)) info.Uid = uid;
            else if (p.NameEquals("groups") && TryStrings(p.Value, out var groups)) info.Groups = groups;
            else if (p.NameEquals("extra") && p.Value.ValueKind == JsonValueKind.Object)
            {
                info.Extra = [];
                foreach (var e in p.Value.EnumerateObject())
                {
                    if (!TryStrings(e.Value, out var values)) return false;
                    info.Extra[e.Name] = values!;
                }
            }
            else return false;
        }
        user = info;
        return true;
    }

    private static bool TryStrings(JsonElement v, out List<string>? values)
    {
        values = null;
        if (v.ValueKind == JsonValueKind.Null) return true;
        if (v.ValueKind != JsonValueKind.Array) return false;
        values = new List<string>(v.GetArrayLength());
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) return false;
            values.Add(item.GetString()!);
        }
        return true;
    }
}
