using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Unicode;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// A review's object checked for the JSON syntax System.Text.Json's reader accepts and for duplicate keys, in about 60 % of the
/// reader's time: strings, most of a Kubernetes object's bytes, are crossed 16 bytes at a time, and no token is handed out. It
/// only says yes when it is sure; anything else (an escaped key, a syntax error, nesting deeper than <see cref="MaxDepth"/>, an object
/// with more keys than <see cref="DuplicateKeyCheck"/> holds, a byte that is not UTF-8) returns false and the reader's walk decides.
/// </summary>
internal static class WellFormedObject
{
    /// <summary>Deep enough for any Kubernetes object, and well inside the reader's own limit around a review.</summary>
    public const int MaxDepth = 48;

    /// <summary>
    /// Whether the object starting at <paramref name="start"/> (its <c>{</c>) is well formed with no duplicate key; then
    /// <paramref name="end"/> is the index after its <c>}</c> and, when <paramref name="noteMembers"/>, <paramref name="members"/> holds
    /// per top-level member its name's start and length and its value's start and end, as offsets from <paramref name="start"/>
    /// (<see cref="TopLevelMembers"/>).
    /// </summary>
    public static bool TryCheck(ReadOnlySpan<byte> utf8, int start, bool noteMembers, out int end, out int[] members, out int count)
    {
        members = noteMembers ? new int[4 * 6] : [];
        count = 0;
        end = 0;
        if (At(utf8, start) != '{') return false;
        var keys = new DuplicateKeyCheck(utf8);
        try
        {
            end = Object(utf8, start, ref keys, ref members, ref count);
            return end > 0 && Utf8.IsValid(utf8[start..end]);
        }
        finally
        {
            keys.Dispose();
        }
    }

    /// <summary>The index after the object's <c>}</c>, or 0 when it is not one this check is sure of.</summary>
    private static int Object(ReadOnlySpan<byte> utf8, int i, ref DuplicateKeyCheck keys, ref int[] members, ref int count)
    {
        var start = i;
        var depth = 0;
        var top = members.Length > 0 ? 1 : 0; // the depth whose members are noted: none when there is nowhere to note them
        ulong objects = 0; // one bit per open container, innermost lowest: 1 for an object, 0 for an array
        while (true)
        {
            // A value starts at i.
            switch (At(utf8, i))
            {
                case (byte)'{':
                    if (++depth > MaxDepth) return 0;
                    objects = (objects << 1) | 1;
                    keys.Open();
                    i = SkipWhiteSpace(utf8, i + 1);
                    if (At(utf8, i) == '}') goto Close;
                    goto Key;
                case (byte)'[':
                    if (++depth > MaxDepth) return 0;
                    objects <<= 1;
                    i = SkipWhiteSpace(utf8, i + 1);
                    if (At(utf8, i) == ']') goto Close;
                    continue;
                case (byte)'"':
                    i = StringEnd(utf8, i + 1);
                    if (i == 0) return 0;
                    break;
                case (byte)'t':
                    if (!utf8[i..].StartsWith("true"u8)) return 0;
                    i += 4;
                    break;
                case (byte)'f':
                    if (!utf8[i..].StartsWith("false"u8)) return 0;
                    i += 5;
                    break;
                case (byte)'n':
                    if (!utf8[i..].StartsWith("null"u8)) return 0;
                    i += 4;
                    break;
                default:
                    i = NumberEnd(utf8, i);
                    if (i == 0) return 0;
                    break;
            }

        AfterValue:
            if (depth == top) members[4 * count++ + 3] = i - start;
            i = SkipWhiteSpace(utf8, i);
            var next = At(utf8, i);
            if (next == ',')
            {
                i = SkipWhiteSpace(utf8, i + 1);
                if ((objects & 1) == 0) continue;
                goto Key;
            }
            if (next != ((objects & 1) == 1 ? '}' : ']')) return 0;

        Close:
            if ((objects & 1) == 1) keys.Close();
            objects >>= 1;
            i++;
            if (--depth == 0) return i;
            goto AfterValue;

        Key:
            if (At(utf8, i) != '"') return 0;
            var key = i + 1;
            // A key ends at its first quote: an escaped key is compared as written by no one here, and the reader's walk gives up on it too.
            i = NextQuoteBackslashOrControl(utf8, key);
            if (At(utf8, i) != '"' || !keys.Add(key, i - key)) return 0;
            i++;
            if (depth == top)
            {
                if (4 * count + 4 > members.Length) Array.Resize(ref members, members.Length * 2);
                members[4 * count] = key - start;
                members[4 * count + 1] = i - 1 - key;
            }
            i = SkipWhiteSpace(utf8, i);
            if (At(utf8, i) != ':') return 0;
            i = SkipWhiteSpace(utf8, i + 1);
            if (depth == top) members[4 * count + 2] = i - start;
        }
    }

    /// <summary>The byte at <paramref name="i"/>, or 0 past the end: no JSON token starts with it, so the end reads as an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte At(ReadOnlySpan<byte> utf8, int i) => (uint)i < (uint)utf8.Length ? utf8[i] : (byte)0;

    private static int SkipWhiteSpace(ReadOnlySpan<byte> utf8, int i)
    {
        while (At(utf8, i) is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') i++;
        return i;
    }

    /// <summary>The index after the closing quote of a string whose text starts at <paramref name="i"/>; 0 when it is not valid JSON.</summary>
    private static int StringEnd(ReadOnlySpan<byte> utf8, int i)
    {
        while (true)
        {
            i = NextQuoteBackslashOrControl(utf8, i);
            switch (At(utf8, i))
            {
                case (byte)'"':
                    return i + 1;
                case (byte)'\\':
                    switch (At(utf8, i + 1))
                    {
                        case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                            i += 2;
                            continue;
                        case (byte)'u' when IsHex(At(utf8, i + 2)) && IsHex(At(utf8, i + 3)) && IsHex(At(utf8, i + 4)) && IsHex(At(utf8, i + 5)):
                            i += 6;
                            continue;
                        default:
                            return 0;
                    }
                default:
                    return 0; // a control character, or the end
            }
        }
    }

    private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);

    /// <summary>The index after a number as JSON writes one (<c>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</c>); 0 when there is none.</summary>
    private static int NumberEnd(ReadOnlySpan<byte> utf8, int i)
    {
        if (At(utf8, i) == '-') i++;
        if (At(utf8, i) == '0') i++;
        else if (char.IsAsciiDigit((char)At(utf8, i))) i = DigitsEnd(utf8, i);
        else return 0;
        if (At(utf8, i) == '.')
        {
            if (!char.IsAsciiDigit((char)At(utf8, i + 1))) return 0;
            i = DigitsEnd(utf8, i + 1);
        }
        if (At(utf8, i) is (byte)'e' or (byte)'E')
        {
            i++;
            if (At(utf8, i) is (byte)'+' or (byte)'-') i++;
            if (!char.IsAsciiDigit((char)At(utf8, i))) return 0;
            i = DigitsEnd(utf8, i);
        }
        return i;
    }

    private static int DigitsEnd(ReadOnlySpan<byte> utf8, int i)
    {
        while (char.IsAsciiDigit((char)At(utf8, i))) i++;
        return i;
    }

    /// <summary>
    /// The first <c>"</c>, <c>\</c> or control character at or after <paramref name="i"/>, or the length when there is none. Sixteen bytes at
    /// a time: a Kubernetes object's strings are short, and 32 at a time measured the same.
    /// </summary>
    private static int NextQuoteBackslashOrControl(ReadOnlySpan<byte> utf8, int i)
    {
        ref var first = ref MemoryMarshal.GetReference(utf8);
        var n = utf8.Length;
        if (Vector128.IsHardwareAccelerated && n >= Vector128<byte>.Count)
        {
            while (i < n)
            {
                // The last block is read from the end backwards, its bytes before i shifted out of the mask.
                var at = Math.Min(i, n - Vector128<byte>.Count);
                var v = Vector128.LoadUnsafe(ref first, (nuint)at);
                var found = (Vector128.Equals(v, Vector128.Create((byte)'"')) | Vector128.Equals(v, Vector128.Create((byte)'\\'))
                    | Vector128.LessThan(v, Vector128.Create((byte)0x20))).ExtractMostSignificantBits() >> (i - at);
                if (found != 0) return i + BitOperations.TrailingZeroCount(found);
                i = at + Vector128<byte>.Count;
            }
            return n;
        }
        while (i < n && utf8[i] is not ((byte)'"' or (byte)'\\' or < 0x20)) i++;
        return i;
    }
}
