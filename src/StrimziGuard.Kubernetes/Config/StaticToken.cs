namespace StrimziGuard.Kubernetes.Config;

/// <summary>A token written into the kubeconfig itself (<c>user.token</c>).</summary>
public sealed class StaticToken(string token) : ITokenSource
{
    public string GetToken() => token;

    public void Invalidate()
    {
    }
}
