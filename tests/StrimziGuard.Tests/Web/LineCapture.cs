using System.Text;

namespace StrimziGuard.Tests.Web;

/// <summary>A write-only stream that keeps what the audit writer wrote, as lines.</summary>
internal sealed class LineCapture : Stream
{
    private readonly MemoryStream buffer = new();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (buffer) return Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        lock (this.buffer) this.buffer.Write(buffer, offset, count);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
