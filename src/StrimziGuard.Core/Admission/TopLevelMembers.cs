using System.Text;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// Where the top-level members of an object read by the codec's fast path lie within its bytes (name and value, as offsets from the
/// object's first byte), noted in the same pass that checked them, so a policy that reads one member (a pod's <c>metadata</c>) parses
/// that value alone: finding it with a reader meant tokenizing the members before it, and the deserializer tokenized the value twice.
/// </summary>
internal readonly struct TopLevelMembers(int[] offsets, int count)
{
    /// <summary>The value's bytes within <paramref name="obj"/>; false when the object has no such member.</summary>
    public bool TryFind(ReadOnlySpan<byte> obj, string name, out ReadOnlySpan<byte> value)
    {
        Span<byte> utf8 = stackalloc byte[64];
        var length = Encoding.UTF8.GetByteCount(name);
        var wanted = length <= utf8.Length ? utf8[..Encoding.UTF8.GetBytes(name, utf8)] : Encoding.UTF8.GetBytes(name);
        for (var i = 0; i < count; i++)
        {
            if (offsets[4 * i + 1] != wanted.Length || !obj.Slice(offsets[4 * i], wanted.Length).SequenceEqual(wanted)) continue;
            value = obj[offsets[4 * i + 2]..offsets[4 * i + 3]];
            return true;
        }
        value = default;
        return false;
    }
}
