using System.Text;
using Microsoft.Extensions.Logging;
using StrimziGuard.Core.Options;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Web;

/// <summary>
/// The guard configuration in force. Loaded and validated before the server starts (a bad file stops start-up); afterwards
/// re-read when its contents change (a mounted ConfigMap swaps a <c>..data</c> symlink, so contents, not mtimes, are compared).
/// A reload that fails keeps the previous configuration and logs why once.
/// </summary>
internal sealed class ConfigSource
{
    private readonly FileContentWatch? file;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private volatile GuardOptions current;

    /// <summary>Loads <paramref name="path"/> (null: defaults); throws <see cref="ManifestException"/> naming the field when it is invalid.</summary>
    public ConfigSource(string? path, ILogger logger)
    {
        this.logger = logger;
        current = GuardOptionsFile.Load(path);
        if (path is null) return;
        file = new FileContentWatch(path);
        file.Accept(file.ReadIfChanged()!);
    }

    public GuardOptions Current => current;

    /// <summary>Why the last reload failed, while the previous configuration stays in force; null when the file in place is the one in use.</summary>
    public string? LastError { get; private set; }

    public void Check()
    {
        if (file is null || !gate.TryEnter()) return;
        try
        {
            byte[][]? contents;
            try
            {
                contents = file.ReadIfChanged();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail($"{file.Paths[0]}: cannot read: {e.Message}");
                return;
            }
            if (contents is null) return;
            file.Accept(contents);
            if (contents[0].AsSpan().Trim(" \t\r\n"u8).IsEmpty)
            {
                // At start an empty file means "all defaults"; on reload it is far more likely a file caught mid-rewrite.
                Fail($"{file.Paths[0]}: is empty; keeping the previous configuration (write config files atomically, as a ConfigMap volume does)");
                return;
            }
            try
            {
                var next = GuardOptionsFile.Parse(file.Paths[0], Encoding.UTF8.GetString(contents[0]));
                if (!current.WatchNamespaces.SequenceEqual(next.WatchNamespaces))
                    WebLog.WatchNamespacesChanged(logger, string.Join(",", current.WatchNamespaces), string.Join(",", next.WatchNamespaces));
                current = next;
                LastError = null;
                WebLog.ConfigLoaded(logger, file.Paths[0]);
            }
            catch (ManifestException e)
            {
                Fail(e.Message);
            }
        }
        finally
        {
            gate.Exit();
        }
    }

    private void Fail(string error)
    {
        if (error == LastError) return;
        LastError = error;
        WebLog.ConfigReloadFailed(logger, error);
    }
}
