namespace StrimziGuard.Kubernetes.Config;

/// <summary>
/// A token read from a file and re-read when older than <see cref="RefreshInterval"/> or after a 401. The kubelet rotates projected
/// service-account tokens in place (through a <c>..data</c> symlink, so mtimes are unreliable); client-go also re-reads every minute.
/// </summary>
public sealed class TokenFile(string path, TimeSpan? refreshInterval = null, TimeProvider? time = null) : ITokenSource
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly Lock gate = new();
    private string? token;
    private DateTimeOffset readAt;

    public string Path { get; } = path;

    public TimeSpan RefreshInterval { get; } = refreshInterval ?? TimeSpan.FromMinutes(1);

    public string GetToken()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (token is null || now - readAt >= RefreshInterval)
            {
                token = Read();
                readAt = now;
            }
            return token;
        }
    }

    public void Invalidate()
    {
        lock (gate) token = null;
    }

    private string Read()
    {
        try
        {
            var text = File.ReadAllText(Path).Trim();
            return text.Length > 0 ? text : throw new KubeConfigException($"token file {Path} is empty; the service-account token was not mounted yet or the file is wrong");
        }
        catch (IOException e)
        {
            throw new KubeConfigException($"cannot read token file {Path}: {e.Message}. Mount a service-account token (automountServiceAccountToken: true) or fix tokenFile in the kubeconfig");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new KubeConfigException($"cannot read token file {Path}: {e.Message}");
        }
    }
}
