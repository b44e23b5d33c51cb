namespace StrimziGuard.Kubernetes.Manifests;

/// <summary>
/// Tells when a set of small files (a certificate and key, a config file) has new contents. It compares bytes, not mtimes: reading
/// through the path follows the Secret volume's <c>..data</c> symlink to whatever it points at now (the link's own mtime never changes,
/// kubelet swaps it atomically), and a rewrite within the filesystem's timestamp granularity is still seen. Reading a few kilobytes
/// once a second costs microseconds.
/// </summary>
public sealed class FileContentWatch(params string[] paths)
{
    private byte[][]? last;

    public IReadOnlyList<string> Paths { get; } = paths;

    /// <summary>The files' contents when they differ from the last accepted ones; null when unchanged. Throws when a file cannot be read.</summary>
    public byte[][]? ReadIfChanged()
    {
        var now = new byte[Paths.Count][];
        for (var i = 0; i < now.Length; i++) now[i] = File.ReadAllBytes(Paths[i]);
        if (last is not null && now.Length == last.Length && now.Zip(last).All(p => p.First.AsSpan().SequenceEqual(p.Second))) return null;
        return now;
    }

    /// <summary>Remember these contents as seen, whether or not they could be used, so a bad file is reported once, not every second.</summary>
    public void Accept(byte[][] contents) => last = contents;
}
