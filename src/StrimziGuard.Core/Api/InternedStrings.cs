using System.Text;

namespace StrimziGuard.Core.Api;

/// <summary>
/// The short strings every review repeats (label keys and values, annotation keys, owner kinds and names: <c>strimzi.io/cluster</c>,
/// <c>my-cluster</c>) made once instead of once per request: they were most of the garbage of reading a pod's metadata. A fixed table
/// of slots, so it never grows whatever requests send (at most about a megabyte, full of 64-byte strings); a slot holds the last
/// string hashed to it, and a collision only costs a new string. Not the watch caches' <c>SharedStrings</c>: that one shares strings
/// already made, for objects kept for hours; this one avoids making them from the body's bytes, for objects kept for one review.
/// </summary>
internal static class InternedStrings
{
    /// <summary>Longer strings (a last-applied-configuration annotation) are rarely repeated byte for byte and would crowd the table.</summary>
    public const int MaxBytes = 64;

    private const int Slots = 4096;

    private static readonly Entry?[] Table = new Entry?[Slots];

    /// <summary>The string for plain ASCII bytes (the caller checked: no escapes, nothing to transcode).</summary>
    public static string Get(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > MaxBytes) return Encoding.ASCII.GetString(ascii);
        var hash = new HashCode();
        hash.AddBytes(ascii);
        ref var slot = ref Table[hash.ToHashCode() & (Slots - 1)];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && entry.Ascii.AsSpan().SequenceEqual(ascii)) return entry.Value;
        var value = Encoding.ASCII.GetString(ascii);
        Volatile.Write(ref slot, new Entry(ascii.ToArray(), value));
        return value;
    }

    private sealed class Entry(byte[] ascii, string value)
    {
        public readonly byte[] Ascii = ascii;
        public readonly string Value = value;
    }
}
