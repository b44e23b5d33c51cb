using k8s;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>
/// KubernetesClient's <see cref="k8s.Kubernetes"/>, opened for requests of our own shape: a metadata-only <c>Accept</c>, a JSON Patch body,
/// a watch stream read line by line into Core's models. They go through the library's pipeline (credentials and exec plugins, TLS,
/// proxy, our handlers) and its error handling (<c>HttpOperationException</c>).
/// </summary>
internal sealed class LibraryKubernetes(KubernetesClientConfiguration config, DelegatingHandler[] handlers) : k8s.Kubernetes(config, handlers)
{
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string body, CancellationToken ct) => SendRequestRaw(body, request, ct);
}
