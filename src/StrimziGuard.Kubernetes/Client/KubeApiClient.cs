using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Config;
using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>Our small Kubernetes client over HttpClient and System.Text.Json (KubernetesClient is not obtainable here).</summary>
public sealed class KubeApiClient : IKubeApiClient, IDisposable
{
    private readonly HttpClient http;
    private readonly KubeHttpTransport transport;
    private readonly KubeClientOptions options;

    public KubeApiClient(KubeConfig config, KubeClientOptions? options = null, ILogger? logger = null)
        : this(config, KubeHttpHandlerFactory.Create(config), options, logger)
    {
    }

    internal KubeApiClient(KubeConfig config, HttpMessageHandler handler, KubeClientOptions? options, ILogger? logger)
    {
        Config = config;
        this.options = options ?? new KubeClientOptions();
        // Timeouts are per call (KubeHttpTransport); the HttpClient-wide one would also cut long watches.
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        transport = new KubeHttpTransport(http, config, this.options, logger ?? NullLogger.Instance);
    }

    public KubeConfig Config { get; }

    public Task<T> GetAsync<T>(ApiResource resource, string? ns, string name, CancellationToken ct = default)
        where T : KubernetesObject =>
        transport.SendAsync(Get(resource.ItemPath(ns, name), $"get {resource} {Id(ns, name)}"), (r, t) => KubeHttpTransport.ReadJsonAsync<T>(r, t.Token), ct);

    public Task<T> GetMetadataAsync<T>(ApiResource resource, string? ns, string name, CancellationToken ct = default)
        where T : KubernetesObject =>
        transport.SendAsync(
            Get(resource.ItemPath(ns, name), $"get {resource} {Id(ns, name)} (metadata)", KubeRequest.MetadataAccept),
            async (r, t) => MetadataOnly.Read<T>(await KubeHttpTransport.ReadJsonAsync<JsonObject>(r, t.Token).ConfigureAwait(false), resource),
            ct);

    public Task<KubeList<T>> ListAsync<T>(ApiResource resource, string? ns, ListOptions? options = null, CancellationToken ct = default)
        where T : KubernetesObject
    {
        var metadata = options?.MetadataOnly == true;
        var request = Get(resource.CollectionPath(ns) + QueryString.For(options, watch: false), $"list {resource}{In(ns)}", metadata ? KubeRequest.MetadataListAccept : null);
        return transport.SendAsync(request, async (r, t) =>
        {
            if (!metadata) return await KubeHttpTransport.ReadJsonAsync<KubeList<T>>(r, t.Token).ConfigureAwait(false);
            return MetadataOnly.ReadList<T>(await KubeHttpTransport.ReadJsonAsync<JsonObject>(r, t.Token).ConfigureAwait(false), resource);
        }, ct);
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ApiResource resource, string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken ct = default)
        where T : KubernetesObject
    {
        var what = $"watch {resource}{In(ns)}";
        var request = Get(resource.CollectionPath(ns) + QueryString.For(options with { Limit = null, Continue = null }, watch: true), what,
            options.MetadataOnly ? KubeRequest.MetadataAccept : null);
        var (response, lifetime) = await transport.SendAsync(request, (r, t) => Task.FromResult((r, t)), ct, keepOpen: true).ConfigureAwait(false);
        using (response)
        using (lifetime)
        {
            // Past the headers the call timeout no longer applies: the stream lasts until the server's timeoutSeconds, plus grace for dead connections.
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
        where T : KubernetesObject =>
        Write<T>(HttpMethod.Post, resource.CollectionPath(obj.Namespace), $"create {resource} {Id(obj.Namespace, obj.Name)}", Body(resource, obj), KubeRequest.Json, ct);

    public Task<T> ReplaceAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
        where T : KubernetesObject =>
        Write<T>(HttpMethod.Put, resource.ItemPath(obj.Namespace, obj.Name), $"replace {resource} {Id(obj.Namespace, obj.Name)}", Body(resource, obj), KubeRequest.Json, ct);

    public Task<T> PatchAsync<T>(ApiResource resource, string? ns, string name, KubePatch patch, CancellationToken ct = default)
        where T : KubernetesObject =>
        Write<T>(HttpMethod.Patch, resource.ItemPath(ns, name), $"patch {resource} {Id(ns, name)}", patch.Body, patch.ContentType, ct);

    public Task DeleteAsync(ApiResource resource, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default)
    {
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "DeleteOptions" };
        if (options?.PropagationPolicy is { } p) body["propagationPolicy"] = p;
        if (options?.GracePeriodSeconds is { } g) body["gracePeriodSeconds"] = g;
        if (options?.PreconditionResourceVersion is { } rv) body["preconditions"] = new JsonObject { ["resourceVersion"] = rv };
        var request = new KubeRequest(HttpMethod.Delete, resource.ItemPath(ns, name), $"delete {resource} {Id(ns, name)}", Idempotent: false, body.ToJsonString(), KubeRequest.Json);
        return transport.SendAsync(request, (_, _) => Task.FromResult(true), ct);
    }

    public void Dispose() => http.Dispose();

    private Task<T> Write<T>(HttpMethod method, string path, string what, string body, string contentType, CancellationToken ct) =>
        transport.SendAsync(new KubeRequest(method, path, what, Idempotent: false, body, contentType), (r, t) => KubeHttpTransport.ReadJsonAsync<T>(r, t.Token), ct);

    private static KubeRequest Get(string path, string what, string? accept = null) => new(HttpMethod.Get, path, what, Idempotent: true, Accept: accept);

    /// <summary>apiVersion and kind are filled in from the resource when the caller left them out, as KubernetesClient's typed models do.</summary>
    private static string Body<T>(ApiResource resource, T obj)
        where T : KubernetesObject
    {
        var node = KubeJson.ToNode(obj).AsObject();
        node["apiVersion"] ??= resource.ApiVersion;
        node["kind"] ??= resource.Kind;
        return node.ToJsonString(KubeJson.Options);
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
