using System.Net;
using System.Net.Http.Headers;
using StrimziGuard.Kubernetes.Config;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>
/// After a 401, reads the token file again and, if it changed, sends the request once more with the new token: the kubelet rotates
/// projected service-account tokens in place, and the server may refuse the old one before a timed re-read would notice.
/// </summary>
internal sealed class TokenRefreshHandler(TokenFile token) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
        token.Invalidate();
        string fresh;
        try
        {
            fresh = token.GetToken();
        }
        catch (KubeConfigException)
        {
            return response;
        }
        if (request.Headers.Authorization?.Parameter == fresh) return response;
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
