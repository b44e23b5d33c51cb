using System.Buffers;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// The keys seen so far in each JSON object still open while a reader walks a review, to refuse a duplicate key in the same pass that
/// checks the syntax (a document parse that refuses duplicates cost a pod's read 4 us of its 13). Keys are compared as written, so a
/// walk that meets an escaped key, or an object with more than <see cref="MaxKeysPerObject"/> keys, gives up and the caller reads the
/// body the careful way; that keeps every check linear in the body's size.
/// </summary>
internal ref struct DuplicateKeyCheck
{
    public const int MaxKeysPerObject = 64;

    private readonly ReadOnlySpan<byte> utf8;
    private int[] keys; // pairs: start and length of each key in utf8
    private int[] opened; // per open object: how many keys were held when it opened
    private int keyCount;
    private int depth;

    public DuplicateKeyCheck(ReadOnlySpan<byte> utf8)
    {
        this.utf8 = utf8;
        keys = ArrayPool<int>.Shared.Rent(128);
        opened = ArrayPool<int>.Shared.Rent(16);
    }

    public void Open()
    {
        if (depth == opened.Length) Grow(ref opened, depth);
        opened[depth++] = keyCount;
    }

    public void Close() => keyCount = opened[--depth];

    /// <summary>False when the innermost open object already has the key at <paramref name="start"/> (or holds too many to check).</summary>
    public bool Add(int start, int length)
    {
        var first = opened[depth - 1];
        if (keyCount - first >= MaxKeysPerObject) return false;
        var key = utf8.Slice(start, length);
        for (var i = first; i < keyCount; i++)
        {
            if (keys[2 * i + 1] == length && utf8.Slice(keys[2 * i], length).SequenceEqual(key)) return false;
        }
        if (2 * keyCount + 2 > keys.Length) Grow(ref keys, 2 * keyCount);
        keys[2 * keyCount] = start;
        keys[2 * keyCount + 1] = length;
        keyCount++;
        return true;
    }

    public readonly void Dispose()
    {
        ArrayPool<int>.Shared.Return(keys);
        ArrayPool<int>.Shared.Return(opened);
    }

    private static void Grow(ref int[] array, int used)
    {
        var larger = ArrayPool<int>.Shared.Rent(array.Length * 2);
        array.AsSpan(0, used).CopyTo(larger);
        ArrayPool<int>.Shared.Return(array);
        array = larger;
    }
}
