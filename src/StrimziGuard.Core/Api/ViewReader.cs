using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace StrimziGuard.Core.Api;

/// <summary>
/// The pieces of the hand-written readers of the views the hottest policies read (<see cref="ObjectMetaReader"/>,
/// <see cref="NetworkPolicySpecReader"/>). Each reads the value the reader stands on and answers false for anything it does not take
/// exactly as System.Text.Json would (a wrong type, a null list element, an escaped or non-ASCII property name, a field that matches a
/// known one only ignoring case): the caller then reads the value with System.Text.Json, so results and error messages stay its own.
/// </summary>
internal static class ViewReader
{
    public delegate bool ReadValue<T>(ref CheckedJsonReader reader, out T value);

    /// <summary>Reads the value of the field <paramref name="name"/> into <paramref name="target"/>: true, false to give up, null for a field the type does not model.</summary>
    public delegate bool? ReadField<in T>(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, T target);

    /// <summary>The same, handed a value of the caller's (a port to judge, the keys to keep) with every field.</summary>
    public delegate bool? ReadField<in T, in TState>(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, T target, TState state);

    /// <summary>A whole view from its JSON; false, for the deserializer to read it, on anything the field readers do not take.</summary>
    public static bool TryRead<T>(ReadOnlySpan<byte> json, string[] known, Func<T> create, ReadField<T> field, [NotNullWhen(true)] out T? value) where T : class =>
        TryRead(json, known, create, ByField, field, out value);

    /// <inheritdoc cref="TryRead{T}"/>
    public static bool TryRead<T, TState>(
        ReadOnlySpan<byte> json, string[] known, Func<T> create, ReadField<T, TState> field, TState state, [NotNullWhen(true)] out T? value) where T : class
    {
        var reader = new CheckedJsonReader(json);
        try
        {
            value = reader.Read() && Object(ref reader, known, create, field, state, out var read) ? read : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            value = null; // text the deserializer would refuse (GetString on bytes that are not UTF-8)
        }
        return value is not null;
    }

    /// <summary>
    /// An object (or null) of a view type, its fields read by <paramref name="field"/>; fields it does not model are skipped unless one of
    /// <paramref name="known"/> in other letter case.
    /// </summary>
    public static bool Object<T>(ref CheckedJsonReader reader, string[] known, Func<T> create, ReadField<T> field, out T? value) where T : class =>
        Object(ref reader, known, create, ByField, field, out value);

    /// <inheritdoc cref="Object{T}"/>
    public static bool Object<T, TState>(ref CheckedJsonReader reader, string[] known, Func<T> create, ReadField<T, TState> field, TState state, out T? value) where T : class
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        // Made by the caller's factory: new T() in shared generic code is a reflection call (Activator), a tenth of a spec's read.
        var target = create();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ToValue(ref reader, out var name)) return false;
            if (!(field(ref reader, name, target, state) ?? SkipUnknown(ref reader, name, known))) return false;
        }
        value = target;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool? ByField<T>(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, T target, ReadField<T> field) => field(ref reader, name, target);

    public static bool String(ref CheckedJsonReader reader, out string? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.String) return false;
        value = Text(ref reader);
        return true;
    }

    /// <summary>A string or property name; escaped or non-ASCII text is transcoded as the deserializer does (which throws on invalid UTF-8).</summary>
    private static string Text(ref CheckedJsonReader reader) =>
        !reader.ValueIsEscaped && Ascii.IsValid(reader.ValueSpan) ? InternedStrings.Get(reader.ValueSpan) : reader.GetString()!;

    /// <summary>A string of the review's envelope, read by <see cref="Admission.WellFormedReview"/>'s reader.</summary>
    public static bool String(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.String) return false;
        value = Text(ref reader);
        return true;
    }

    /// <summary>The same for the envelope's reader; escaped or non-ASCII text is transcoded as the deserializer does (which throws on invalid UTF-8).</summary>
    private static string Text(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && !reader.HasValueSequence && Ascii.IsValid(reader.ValueSpan) ? InternedStrings.Get(reader.ValueSpan) : reader.GetString()!;

    public static bool Boolean(ref CheckedJsonReader reader, out bool? value)
    {
        value = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
        return value is not null || reader.TokenType == JsonTokenType.Null;
    }

    public static bool Int32(ref CheckedJsonReader reader, out int? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var n)) return false;
        value = n;
        return true;
    }

    public static bool Int64(ref CheckedJsonReader reader, out long? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var n)) return false;
        value = n;
        return true;
    }

    /// <summary>A map of strings (labels, annotations, matchLabels); null values kept, as the deserializer keeps them.</summary>
    public static bool StringMap(ref CheckedJsonReader reader, out Dictionary<string, string>? map)
    {
        map = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        // Gathered first, so the map is made at its size: a pod's 15 labels grew a map three times (3, 7, 17 slots), twice garbage.
        // Into the thread's own array: the shared pool's rent and return cost more than the reading of a selector's one label.
        var pairs = mapPairs ??= new KeyValuePair<string, string>[16];
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = Text(ref reader);
                if (!reader.Read() || !String(ref reader, out var value)) return false;
                if (count == pairs.Length)
                {
                    Array.Resize(ref mapPairs, count * 2);
                    pairs = mapPairs;
                }
                pairs[count++] = new(key, value!);
            }
            if (reader.TokenType != JsonTokenType.EndObject) return false;
            map = new Dictionary<string, string>(count);
            foreach (var (key, value) in pairs.AsSpan(0, count))
                if (!map.TryAdd(key, value)) return false;
            return true;
        }
        finally
        {
            // Cleared: a long value (not interned) must not outlive the request.
            pairs.AsSpan(0, count).Clear();
        }
    }

    [ThreadStatic]
    private static KeyValuePair<string, string>[]? mapPairs;

    /// <summary>
    /// A map of strings keeping only the entries whose key is one of <paramref name="keys"/> (empty when there is none); every other
    /// value is checked to be text or null, as the deserializer checks it, and not made. An escaped key gives up: it might spell one.
    /// </summary>
    public static bool StringMapOf(ref CheckedJsonReader reader, string[] keys, out Dictionary<string, string>? map)
    {
        map = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var kept = new Dictionary<string, string>(0);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped) return false;
            var key = Wanted(reader.ValueSpan, keys);
            if (!reader.Read()) return false;
            if (key is null)
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) return false;
                continue;
            }
            if (!String(ref reader, out var value)) return false;
            kept[key] = value!;
        }
        map = kept;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static string? Wanted(ReadOnlySpan<byte> key, string[] keys)
    {
        foreach (var wanted in keys)
            if (Ascii.Equals(key, wanted)) return wanted;
        return null;
    }

    public static bool StringList(ref CheckedJsonReader reader, out List<string>? list) => List(ref reader, NonNullString, out list);

    /// <summary>A list whose elements are never null (a null element goes to the deserializer, which has its own rule for it).</summary>
    public static bool List<T>(ref CheckedJsonReader reader, ReadValue<T?> element, out List<T>? list) where T : class
    {
        list = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        list = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!element(ref reader, out var value) || value is null) return false;
            list.Add(value);
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>
    /// Moves from a property name to its value. False for a name the deserializer might match differently: escaped or non-ASCII (one in
    /// other letter case is caught by <see cref="SkipUnknown"/>).
    /// </summary>
    public static bool ToValue(ref CheckedJsonReader reader, out ReadOnlySpan<byte> name)
    {
        name = reader.ValueSpan;
        if (reader.ValueIsEscaped || !Ascii.IsValid(name)) return false;
        return reader.Read();
    }

    /// <summary>Skips a value no field takes; false when its name is a known field's in other letter case.</summary>
    public static bool SkipUnknown(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, string[] known)
    {
        foreach (var field in known)
            if (Ascii.EqualsIgnoreCase(name, field)) return false;
        return reader.TrySkip();
    }

    private static bool NonNullString(ref CheckedJsonReader reader, out string? value) => String(ref reader, out value) && value is not null;
}
