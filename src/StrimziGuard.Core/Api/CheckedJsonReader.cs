using System.Buffers.Text;
using System.Text.Json;

namespace StrimziGuard.Core.Api;

/// <summary>
/// Walks JSON the review's reader has already checked (syntax, UTF-8, unique keys, depth: <see cref="Admission.WellFormedReview"/>),
/// token by token, with the few of <see cref="Utf8JsonReader"/>'s answers the view readers ask for. It checks nothing again: a
/// NetworkPolicy's spec walked in two thirds of <see cref="Utf8JsonReader"/>'s time. On bytes that are not well-formed JSON it stops
/// (<see cref="Read"/> answers false) and never throws, and the view readers then leave the value to the deserializer.
/// </summary>
internal ref struct CheckedJsonReader(ReadOnlySpan<byte> json)
{
    private readonly ReadOnlySpan<byte> json = json;
    private int position;
    private int valueStart;
    private int valueEnd;

    public JsonTokenType TokenType { get; private set; }

    /// <summary>A string's or property name's bytes between the quotes (escapes as written), or a number's text.</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => json[valueStart..valueEnd];

    /// <summary>The string or property name holds a backslash escape.</summary>
    public bool ValueIsEscaped { get; private set; }

    public bool Read()
    {
        var at = SkipSeparators(position);
        if (at >= json.Length) return Stop();
        ValueIsEscaped = false;
        switch (json[at])
        {
            case (byte)'{': return Token(JsonTokenType.StartObject, at, 1);
            case (byte)'}': return Token(JsonTokenType.EndObject, at, 1);
            case (byte)'[': return Token(JsonTokenType.StartArray, at, 1);
            case (byte)']': return Token(JsonTokenType.EndArray, at, 1);
            case (byte)'t': return Literal(JsonTokenType.True, at, "true"u8);
            case (byte)'f': return Literal(JsonTokenType.False, at, "false"u8);
            case (byte)'n': return Literal(JsonTokenType.Null, at, "null"u8);
            case (byte)'"': return String(at);
            case (byte)'-' or >= (byte)'0' and <= (byte)'9': return Number(at);
            default: return Stop();
        }
    }

    /// <summary>Skips the value the reader stands on: an object or array to its end (the reader then stands on that end), a scalar not at all.</summary>
    public bool TrySkip()
    {
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return true;
        var depth = 1;
        var at = position;
        while (at < json.Length)
        {
            var next = json[at..].IndexOfAny(Structural);
            if (next < 0) break;
            at += next;
            switch (json[at])
            {
                case (byte)'"':
                    at = StringEnd(at + 1, out _);
                    if (at < 0) return Stop();
                    at++;
                    continue;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                default:
                    if (--depth == 0) return Token(json[at] == (byte)'}' ? JsonTokenType.EndObject : JsonTokenType.EndArray, at, 1);
                    break;
            }
            at++;
        }
        return Stop();
    }

    /// <summary>The string or property name as .NET text, escapes undone as <see cref="Utf8JsonReader.GetString"/> undoes them (and throwing as it throws).</summary>
    public readonly string GetString()
    {
        var quoted = new Utf8JsonReader(json[(valueStart - 1)..(valueEnd + 1)]);
        quoted.Read();
        return quoted.GetString()!;
    }

    /// <summary>As <see cref="Utf8JsonReader.TryGetInt32"/>: the whole number's text, an integer in range.</summary>
    public readonly bool TryGetInt32(out int value)
    {
        if (Utf8Parser.TryParse(ValueSpan, out value, out var used) && used == valueEnd - valueStart) return true;
        value = 0;
        return false;
    }

    public readonly bool TryGetInt64(out long value)
    {
        if (Utf8Parser.TryParse(ValueSpan, out value, out var used) && used == valueEnd - valueStart) return true;
        value = 0;
        return false;
    }

    private static ReadOnlySpan<byte> Structural => "\"{}[]"u8;

    private int SkipSeparators(int at)
    {
        while (at < json.Length && json[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)',' or (byte)':') at++;
        return at;
    }

    private bool Token(JsonTokenType type, int at, int length)
    {
        TokenType = type;
        valueStart = at;
        valueEnd = at + length;
        position = at + length;
        return true;
    }

    private bool Literal(JsonTokenType type, int at, ReadOnlySpan<byte> literal) =>
        json[at..].StartsWith(literal) ? Token(type, at, literal.Length) : Stop();

    private bool Number(int at)
    {
        var end = at + 1;
        while (end < json.Length && json[end] is >= (byte)'0' and <= (byte)'9' or (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-') end++;
        return Token(JsonTokenType.Number, at, end - at);
    }

    /// <summary>A string is a property name when a colon follows it: in well-formed JSON nothing else does.</summary>
    private bool String(int at)
    {
        var end = StringEnd(at + 1, out var escaped);
        if (end < 0) return Stop();
        var after = end + 1;
        while (after < json.Length && json[after] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') after++;
        TokenType = after < json.Length && json[after] == (byte)':' ? JsonTokenType.PropertyName : JsonTokenType.String;
        ValueIsEscaped = escaped;
        valueStart = at + 1;
        valueEnd = end;
        position = end + 1;
        return true;
    }

    /// <summary>The closing quote's place for a string whose text starts at <paramref name="at"/>; -1 when there is none.</summary>
    private readonly int StringEnd(int at, out bool escaped)
    {
        escaped = false;
        // Byte by byte: the strings of a metadata or a spec are short, and a vector search's setup cost more than it saved.
        while (at < json.Length)
        {
            var b = json[at];
            if (b == (byte)'"') return at;
            if (b == (byte)'\\')
            {
                escaped = true;
                at++; // the escaped byte is never the closing quote (a \u escape's hex digits are not quotes either)
            }
            at++;
        }
        return -1;
    }

    private bool Stop()
    {
        TokenType = JsonTokenType.None;
        position = json.Length;
        return false;
    }
}
