using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Kubernetes.Config;
using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>
/// The seam's implementation on KubernetesClient: one library client (its configuration, credentials, exec plugins, TLS, proxy and
/// HTTP pipeline) per process. Our handlers sit in that pipeline (<see cref="RetryHandler"/>, <see cref="TokenRefreshHandler"/>);
/// errors are the library's <see cref="HttpOperationException"/> turned into our typed ones. Requests are built here where the
/// library has no call of the shape we need: one generic call per verb over built-in kinds and CRDs alike, metadata-only reads,
/// JSON Patch with <c>test</c>, watches read into Core's lean models.
/// </summary>
public sealed class KubeApiClient : IKubeApiClient, IDisposable
{
    private const string Json = "application/json";
    private const string MetadataAccept = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";
    private const string MetadataListAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

    private readonly LibraryKubernetes kubernetes;
    private readonly KubeClientOptions options;

    /// <param name="handlers">Extra handlers nearest the wire (tests observe what leaves the process with them).</param>
    public KubeApiClient(ClusterConnection connection, KubeClientOptions? options = null, ILogger? logger = null, params DelegatingHandler[] handlers)
    {
        Connection = connection;
        this.options = options ?? new KubeClientOptions();
        var pipeline = new List<DelegatingHandler> { new RetryHandler(this.options, logger ?? NullLogger.Instance) };
        if (connection.TokenFile is { } token) pipeline.Add(new TokenRefreshHandler(token));
        pipeline.AddRange(handlers);
        try
        {
            kubernetes = new LibraryKubernetes(connection.Configuration, [.. pipeline]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or k8s.Exceptions.KubeConfigException)
        {
            // The library loads the CA and client certificate files here.
            throw new KubeConfigException($"{connection.Source}: cannot load the certificates it names: {e.Message}", e);
        }
    }

    public ClusterConnection Connection { get; }

    /// <summary>The library's typed client, on the same pipeline and identity.</summary>
    public k8s.IKubernetes Kubernetes => kubernetes;

    public Task<T> GetAsync<T>(ApiResource resource, string? ns, string name, CancellationToken ct = default)
        where T : class =>
        SendAsync(HttpMethod.Get, resource.ItemPath(ns, name), $"get {resource} {Id(ns, name)}", null, null, Json, Wire.ReadAsync<T>, ct);

    public Task<T> GetMetadataAsync<T>(ApiResource resource, string? ns, string name, CancellationToken ct = default)
        where T : class =>
        SendAsync(HttpMethod.Get, resource.ItemPath(ns, name), $"get {resource} {Id(ns, name)} (metadata)", null, null, MetadataAccept,
            async (r, t) => MetadataOnly.Read<T>(await Wire.ReadObjectAsync(r, t).ConfigureAwait(false), resource), ct);

    public Task<KubeList<T>> ListAsync<T>(ApiResource resource, string? ns, ListOptions? options = null, CancellationToken ct = default)
        where T : class
    {
        var metadata = options?.MetadataOnly == true;
        return SendAsync(HttpMethod.Get, resource.CollectionPath(ns) + QueryString.For(options, watch: false), $"list {resource}{In(ns)}", null, null,
            metadata ? MetadataListAccept : Json,
            async (r, t) => metadata
                ? MetadataOnly.ReadList<T>(await Wire.ReadObjectAsync(r, t).ConfigureAwait(false), resource)
                : await Wire.ReadAsync<KubeList<T>>(r, t).ConfigureAwait(false),
            ct);
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ApiResource resource, string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken ct = default)
        where T : class
    {
        var what = $"watch {resource}{In(ns)}";
        var path = resource.CollectionPath(ns) + QueryString.For(options with { Limit = null, Continue = null }, watch: true);
        var response = await SendAsync(HttpMethod.Get, path, what, null, null, options.MetadataOnly ? MetadataAccept : Json, (r, _) => Task.FromResult(r), ct, keepOpen: true).ConfigureAwait(false);
        using (response)
        using (var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            // The stream lasts until the server's timeoutSeconds, plus grace for connections that died without a word.
            lifetime.CancelAfter(options.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) + this.options.WatchGrace : Timeout.InfiniteTimeSpan);
            await using var stream = await response.Content.ReadAsStreamAsync(lifetime.Token).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            while (await ReadLineAsync(reader, lifetime.Token, ct).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0) continue;
                yield return WatchLine.Parse<T>(line, resource, options.MetadataOnly, what);
            }
        }
    }

    public Task<T> CreateAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
        where T : class
    {
        var (ns, name) = Wire.Locate(obj);
        return SendAsync(HttpMethod.Post, resource.CollectionPath(ns), $"create {resource} {Id(ns, name)}", Wire.Body(resource, obj), Json, Json, Wire.ReadAsync<T>, ct);
    }

    public Task<T> ReplaceAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
        where T : class
    {
        var (ns, name) = Wire.Locate(obj);
        return SendAsync(HttpMethod.Put, resource.ItemPath(ns, name), $"replace {resource} {Id(ns, name)}", Wire.Body(resource, obj), Json, Json, Wire.ReadAsync<T>, ct);
    }

    public Task<T> PatchAsync<T>(ApiResource resource, string? ns, string name, KubePatch patch, CancellationToken ct = default)
        where T : class =>
        SendAsync(HttpMethod.Patch, resource.ItemPath(ns, name), $"patch {resource} {Id(ns, name)}", patch.Body, patch.ContentType, Json, Wire.ReadAsync<T>, ct);

    public Task DeleteAsync(ApiResource resource, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default)
    {
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "DeleteOptions" };
        if (options?.PropagationPolicy is { } p) body["propagationPolicy"] = p;
        if (options?.GracePeriodSeconds is { } g) body["gracePeriodSeconds"] = g;
        if (options?.PreconditionResourceVersion is { } rv) body["preconditions"] = new JsonObject { ["resourceVersion"] = rv };
        return SendAsync(HttpMethod.Delete, resource.ItemPath(ns, name), $"delete {resource} {Id(ns, name)}", body.ToJsonString(), Json, Json, (_, _) => Task.FromResult(true), ct);
    }

    public void Dispose() => kubernetes.Dispose();

    private async Task<TResult> SendAsync<TResult>(HttpMethod method, string pathAndQuery, string what, string? body, string? contentType, string accept,
        Func<HttpResponseMessage, CancellationToken, Task<TResult>> read, CancellationToken ct, bool keepOpen = false)
    {
        var request = new HttpRequestMessage(method, new Uri(kubernetes.BaseUri, pathAndQuery.TrimStart('/')));
        request.Headers.Accept.ParseAdd(accept);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? Json);
        }
        HttpResponseMessage response;
        try
        {
            response = await kubernetes.SendAsync(request, body ?? "", ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw KubeApiErrors.From(e, what);
        }
        try
        {
            var result = await read(response, ct).ConfigureAwait(false);
            if (!keepOpen) response.Dispose();
            return result;
        }
        catch
        {
            response.Dispose();
            throw;
        }
        finally
        {
            if (!keepOpen) request.Dispose();
        }
    }

    /// <summary>A dead watch is told apart from the caller's own cancellation, so callers can resume instead of stopping.</summary>
    private static async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken lifetime, CancellationToken caller)
    {
        try
        {
            return await reader.ReadLineAsync(lifetime).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return null;
        }
    }

    private static string Id(string? ns, string name) => ns is null ? name : $"{ns}/{name}";

    private static string In(string? ns) => ns is null ? "" : $" in {ns}";
}
