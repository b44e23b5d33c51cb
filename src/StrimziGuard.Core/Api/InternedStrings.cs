using System.Text;

namespace StrimziGuard.Core.Api;

/// <summary>
/// The short strings every review repeats (label keys and values, annotation keys, owner kinds and names: <c>strimzi.io/cluster</c>,
/// <c>my-cluster</c>) made once instead of once per request: they were most of the garbage of reading a pod's metadata. A fixed table
/// of slots, so it never grows whatever requests send (at most about 600 KB, full of 64-character strings); a slot holds the last
/// string hashed to it, and a collision only costs a new string. Not the watch caches' <c>SharedStrings</c>: that one shares strings
/// already made, for objects kept for hours; this one avoids making them from the body's bytes, for objects kept for one review.
/// </summary>
internal static class InternedStrings
{
    /// <summary>Longer strings (a last-applied-configuration annotation) are rarely repeated byte for byte and would crowd the table.</summary>
    public const int MaxBytes = 64;

    private const int Slots = 4096;

    private static readonly string?[] Table = new string?[Slots];

    /// <summary>The string for plain ASCII bytes (the caller checked: no escapes, nothing to transcode).</summary>
    public static string Get(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > MaxBytes) return Encoding.ASCII.GetString(ascii);
        var hash = new HashCode();
        hash.AddBytes(ascii);
        ref var slot = ref Table[hash.ToHashCode() & (Slots - 1)];
        // Compared with the string itself, not a copy of its bytes: one object to reach per lookup, not two.
        var held = Volatile.Read(ref slot);
        if (held is not null && held.Length == ascii.Length && Ascii.Equals(ascii, held)) return held;
        var value = Encoding.ASCII.GetString(ascii);
        Volatile.Write(ref slot, value);
        return value;
    }
}
