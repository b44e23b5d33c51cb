using System.Buffers;

namespace StrimziGuard.Web;

/// <summary>One audit line being written: a growable buffer rented from the shared array pool and returned once the line is out.</summary>
internal sealed class PooledLine : IBufferWriter<byte>
{
    /// <summary>Most lines are 400-800 bytes; a denial with several findings fits in 2 KB before the buffer has to grow.</summary>
    private const int InitialSize = 2048;

    private byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialSize);

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => buffer.AsMemory(0, Length);

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsSpan(Length);
    }

    public void Return()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
        Length = 0;
    }

    private void Ensure(int sizeHint)
    {
        var need = Length + Math.Max(sizeHint, 256);
        if (need <= buffer.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(need, buffer.Length * 2));
        buffer.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }
}
