namespace StrimziGuard.Kubernetes.Config;

/// <summary>A bearer token that may change while we run (projected service-account tokens rotate, by default hourly).</summary>
public interface ITokenSource
{
    string GetToken();

    /// <summary>Called after a 401: the token may have rotated since it was last read.</summary>
    void Invalidate();
}
