using System.Net.Http.Headers;
using k8s.Authentication;

namespace StrimziGuard.Kubernetes.Config;

/// <summary>
/// A bearer token read from a file: the pod's projected service-account token, or <c>tokenFile</c> of a kubeconfig user (which
/// KubernetesClient does not read). Re-read when older than <see cref="RefreshInterval"/>, as the library's own <c>TokenFileAuth</c> does,
/// and also at once after a 401 (<see cref="Invalidate"/>): the kubelet rotates the file in place, and the library's provider was seen
/// answering 401 with the old token for up to its minute after a rotation.
/// </summary>
public sealed class TokenFile(string path, TimeSpan? refreshInterval = null, TimeProvider? time = null) : ITokenProvider
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

    /// <summary>Called after a 401: the token may have rotated since it was last read.</summary>
    public void Invalidate()
    {
        lock (gate) token = null;
    }

    public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AuthenticationHeaderValue("Bearer", GetToken()));

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
