using System.Text.Json;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// The codec's fast path: a well-formed <c>admission.k8s.io/v1</c> AdmissionReview, as the API server sends it, read in one pass of a
/// JSON reader over the body. The envelope's few fields are read by hand and the objects stay slices of the body
/// (<see cref="ReviewedObject"/>), each checked on the way for its syntax and for duplicate keys (<see cref="DuplicateKeyCheck"/>); no
/// document is built. Anything this does not recognise (a field of the wrong type, an unknown or repeated envelope field, an escaped
/// key, a duplicate key) returns null and the codec's careful path reads it and words the problem.
/// </summary>
internal static class WellFormedReview
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = KubeJson.Options.MaxDepth };

    /// <summary>
    /// The reader's state just after an object that is a member of the request, as if it had walked it: a reader made with it over the
    /// bytes after an object <see cref="WellFormedObject"/> crossed goes on from there.
    /// </summary>
    private static readonly JsonReaderState AfterRequestMember = StateAfterObjectInRequest();

    /// <summary>Reads a copy of the body; the review owns it.</summary>
    public static AdmissionReview? TryRead(ReadOnlySpan<byte> utf8) => TryRead(utf8.ToArray(), null);

    /// <summary>
    /// Reads the review whose objects stay slices of <paramref name="utf8"/>, which must not change while the review is used;
    /// <paramref name="body"/>, when given, says when the bytes are given back.
    /// </summary>
    public static AdmissionReview? TryRead(ReadOnlyMemory<byte> utf8, ReviewBody? body)
    {
        var reader = new Utf8JsonReader(utf8.Span, ReaderOptions);
        var origin = 0; // where the reader's bytes start in the body: it is made anew after an object the fast check crossed
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            string? apiVersion = null, kind = null;
            AdmissionRequest? request = null;
            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("apiVersion"u8) ? 1 : reader.ValueTextEquals("kind"u8) ? 2 : reader.ValueTextEquals("request"u8) ? 4 : 0;
                if (field == 0 || (seen & field) != 0) return null;
                seen |= field;
                reader.Read();
                var known = field switch
                {
                    1 => ViewReader.String(ref reader, out apiVersion),
                    2 => ViewReader.String(ref reader, out kind),
                    _ => (request = Request(ref reader, ref origin, utf8, body)) is not null,
                };
                if (!known) return null;
            }
            // The envelope's end, then nothing but white space (the reader throws on anything else).
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return null;
            return new AdmissionReview { ApiVersion = apiVersion, Kind = kind, Request = request };
        }
        catch (JsonException)
        {
            return null; // not JSON, or too deep
        }
        catch (InvalidOperationException)
        {
            return null; // a string that is not valid UTF-8
        }
    }

    private static AdmissionRequest? Request(ref Utf8JsonReader reader, ref int origin, ReadOnlyMemory<byte> utf8, ReviewBody? body)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        var request = new AdmissionRequest();
        ReviewedObject? obj = null, oldObj = null, options = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = RequestField(ref reader);
            if (field < 0 || (seen & (1 << field)) != 0) return null;
            seen |= 1 << field;
            reader.Read();
            string? text;
            (string? Group, string? Version, string? Name)? triple;
            ReviewedObject? raw;
            switch (field)
            {
                case 0 when TryString(ref reader, out text): request.Uid = text ?? ""; break;
                case 1 when ViewReader.String(ref reader, out text): request.Operation = text ?? ""; break;
                case 2 when ViewReader.String(ref reader, out text): request.Name = text; break;
                case 3 when ViewReader.String(ref reader, out text): request.Namespace = text; break;
                case 4 when ViewReader.String(ref reader, out text): request.SubResource = text; break;
                case 5 when ViewReader.String(ref reader, out text): request.RequestSubResource = text; break;
                case 6 when TryTriple(ref reader, "kind"u8, out triple): request.Kind = KindOf(triple); break;
                case 7 when TryTriple(ref reader, "kind"u8, out triple): request.RequestKind = KindOf(triple); break;
                case 8 when TryTriple(ref reader, "resource"u8, out triple): request.Resource = ResourceOf(triple); break;
                case 9 when TryTriple(ref reader, "resource"u8, out triple): request.RequestResource = ResourceOf(triple); break;
                case 10 when TryUserInfo(ref reader, out var user): request.UserInfo = user!; break;
                case 11 when reader.TokenType is JsonTokenType.True or JsonTokenType.False: request.DryRun = reader.GetBoolean(); break;
                case 11 when reader.TokenType == JsonTokenType.Null: request.DryRun = null; break;
                case 12 when TryObject(ref reader, ref origin, utf8, body, noteMembers: true, out raw): obj = raw; break;
                case 13 when TryObject(ref reader, ref origin, utf8, body, noteMembers: true, out raw): oldObj = raw; break;
                // Kept as a slice: nothing is built unless something reads the options.
                case 14 when TryObject(ref reader, ref origin, utf8, body, noteMembers: false, out raw): options = raw; break;
                default: return null;
            }
        }
        request.KeepSlices(obj, oldObj, options);
        return request;
    }

    private static int RequestField(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("uid"u8) ? 0
        : reader.ValueTextEquals("operation"u8) ? 1
        : reader.ValueTextEquals("name"u8) ? 2
        : reader.ValueTextEquals("namespace"u8) ? 3
        : reader.ValueTextEquals("subResource"u8) ? 4
        : reader.ValueTextEquals("requestSubResource"u8) ? 5
        : reader.ValueTextEquals("kind"u8) ? 6
        : reader.ValueTextEquals("requestKind"u8) ? 7
        : reader.ValueTextEquals("resource"u8) ? 8
        : reader.ValueTextEquals("requestResource"u8) ? 9
        : reader.ValueTextEquals("userInfo"u8) ? 10
        : reader.ValueTextEquals("dryRun"u8) ? 11
        : reader.ValueTextEquals("object"u8) ? 12
        : reader.ValueTextEquals("oldObject"u8) ? 13
        : reader.ValueTextEquals("options"u8) ? 14
        : -1;

    /// <summary>
    /// An object (or null) as a slice of the body, its syntax and its keys checked on the way; false for another kind of value, an
    /// escaped or duplicate key, or an object too large to check here. <paramref name="noteMembers"/>: note where each top-level member
    /// lies (<see cref="TopLevelMembers"/>), for the objects policies read a member of (not <c>options</c>).
    /// </summary>
    private static bool TryObject(ref Utf8JsonReader reader, ref int origin, ReadOnlyMemory<byte> utf8, ReviewBody? body, bool noteMembers, out ReviewedObject? raw)
    {
        raw = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var start = origin + (int)reader.TokenStartIndex;
        var span = utf8.Span;
        if (WellFormedObject.TryCheck(span, start, noteMembers, out var end, out var found, out var foundCount))
        {
            raw = ReviewedObject.From(utf8[start..end], body, new TopLevelMembers(found, foundCount));
            reader = new Utf8JsonReader(span[end..], isFinalBlock: true, AfterRequestMember);
            origin = end;
            return true;
        }
        var depth = reader.CurrentDepth;
        var keys = new DuplicateKeyCheck(span);
        // Where each top-level member's name and value lie (relative to the object), so reading one member parses only its value.
        var members = noteMembers ? new int[4 * 6] : null;
        var count = 0;
        var valueNext = false;
        try
        {
            keys.Open();
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (valueNext)
                {
                    members![4 * count + 2] = origin + (int)reader.TokenStartIndex - start;
                    valueNext = false;
                }
                if (members is not null && reader.CurrentDepth == depth + 1 && token is not (JsonTokenType.PropertyName or JsonTokenType.StartObject or JsonTokenType.StartArray))
                    members[4 * count++ + 3] = origin + (int)reader.BytesConsumed - start;
                switch (token)
                {
                    case JsonTokenType.PropertyName:
                        // The key's bytes lie between its quotes, which start the token.
                        var key = origin + (int)reader.TokenStartIndex + 1;
                        if (reader.ValueIsEscaped || !keys.Add(key, reader.ValueSpan.Length)) return false;
                        if (members is not null && reader.CurrentDepth == depth + 1)
                        {
                            if (4 * count + 4 > members.Length) Array.Resize(ref members, members.Length * 2);
                            members[4 * count] = key - start;
                            members[4 * count + 1] = reader.ValueSpan.Length;
                            valueNext = true;
                        }
                        break;
                    case JsonTokenType.StartObject:
                        keys.Open();
                        break;
                    case JsonTokenType.EndObject:
                        keys.Close();
                        if (reader.CurrentDepth == depth)
                        {
                            raw = ReviewedObject.From(utf8[start..(origin + (int)reader.BytesConsumed)], body, new TopLevelMembers(members ?? [], count));
                            return true;
                        }
                        break;
                }
            }
            return false;
        }
        finally
        {
            keys.Dispose();
        }
    }

    private static JsonReaderState StateAfterObjectInRequest()
    {
        var reader = new Utf8JsonReader("{\"request\":{\"object\":{}"u8, isFinalBlock: false, new JsonReaderState(ReaderOptions));
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
        }
        return reader.CurrentState;
    }

    /// <summary>A string made anew: for the uids, which never repeat (the envelope's other words are shared, <see cref="ViewReader.String"/>).</summary>
    private static bool TryString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    private static GroupVersionKind? KindOf((string? Group, string? Version, string? Name)? t) =>
        t is { } k ? SharedGroupVersions.Kind(k.Group, k.Version, k.Name) : null;

    private static GroupVersionResource? ResourceOf((string? Group, string? Version, string? Name)? t) =>
        t is { } r ? SharedGroupVersions.Resource(r.Group, r.Version, r.Name) : null;

    /// <summary>
    /// <c>{group, version, kind|resource}</c>, or null (then <paramref name="triple"/> is null): strings; a missing one is null, as the
    /// deserializer leaves it.
    /// </summary>
    private static bool TryTriple(ref Utf8JsonReader reader, ReadOnlySpan<byte> third, out (string? Group, string? Version, string? Name)? triple)
    {
        triple = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        string? group = null, version = null, name = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("group"u8) ? 1 : reader.ValueTextEquals("version"u8) ? 2 : reader.ValueTextEquals(third) ? 4 : 0;
            if (field == 0 || (seen & field) != 0) return false;
            seen |= field;
            reader.Read();
            var known = field switch
            {
                1 => ViewReader.String(ref reader, out group),
                2 => ViewReader.String(ref reader, out version),
                _ => ViewReader.String(ref reader, out name),
            };
            if (!known) return false;
        }
        triple = (group, version, name);
        return true;
    }

    private static bool TryUserInfo(ref Utf8JsonReader reader, out UserInfo? user)
    {
        user = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var info = new UserInfo();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("username"u8) ? 1 : reader.ValueTextEquals("uid"u8) ? 2
                : reader.ValueTextEquals("groups"u8) ? 4 : reader.ValueTextEquals("extra"u8) ? 8 : 0;
            if (field == 0 || (seen & field) != 0) return false;
            seen |= field;
            reader.Read();
            string? text;
            List<string>? values;
            switch (field)
            {
                case 1 when ViewReader.String(ref reader, out text): info.Username = text; break;
                case 2 when TryString(ref reader, out text): info.Uid = text; break;
                case 4 when TryStrings(ref reader, out values): info.Groups = values; break;
                case 8 when reader.TokenType == JsonTokenType.StartObject:
                    info.Extra = [];
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var key = reader.GetString()!;
                        reader.Read();
                        if (!TryStrings(ref reader, out values) || !info.Extra.TryAdd(key, values!)) return false;
                    }
                    break;
                default: return false;
            }
        }
        user = info;
        return true;
    }

    private static bool TryStrings(ref Utf8JsonReader reader, out List<string>? values)
    {
        values = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        values = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || !ViewReader.String(ref reader, out var value)) return false;
            values.Add(value!);
        }
        return true;
    }
}
