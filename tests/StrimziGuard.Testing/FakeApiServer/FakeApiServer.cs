using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Config;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>
/// A TEST DOUBLE of the Kubernetes API server, not a cluster: a real HTTP(S) server on 127.0.0.1 (port chosen by the OS) inside the test
/// process that keeps the API's semantics for the resources the guard uses: resourceVersions, 404, 409 Conflict and AlreadyExists,
/// 410 for too-old watches and continue tokens, merge and JSON Patch (with <c>test</c>), label and field selectors, limit/continue,
/// watch streams with bookmarks, Status bodies, PartialObjectMetadata. No admission, no defaulting, no validation beyond that, no
/// garbage collection. Faults are injected through <see cref="Faults"/>; every request is in <see cref="Requests"/>.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    private readonly FakeObjectStore store;
    private WebApplication? app;

    private FakeApiServer(FakeApiServerOptions options)
    {
        Options = options;
        store = new FakeObjectStore { MaxHistory = options.MaxHistory };
        Faults = new FakeApiFaults(store.Watchers);
        BearerToken = options.BearerToken;
    }

    public FakeApiServerOptions Options { get; }

    public FakeApiFaults Faults { get; }

    public FakeRequestLog Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The token requests must carry, when set; change it to simulate a rotated service-account token.</summary>
    public string? BearerToken { get; set; }

    /// <summary>PEM of the CA that signed the serving certificate (HTTPS only).</summary>
    public string? CaCertificatePem { get; private set; }

    public IReadOnlyList<FakeResource> Resources => Options.Resources;

    public long CurrentResourceVersion => store.CurrentVersion;

    /// <summary>Open watch streams right now.</summary>
    public int OpenWatches => store.WatcherCount;

    public static async Task<FakeApiServer> StartAsync(FakeApiServerOptions? options = null)
    {
        var server = new FakeApiServer(options ?? new FakeApiServerOptions());
        await server.StartCoreAsync();
        return server;
    }

    /// <summary>A KubernetesClient configuration for this server (token auth when a token is required; the minted CA when HTTPS).</summary>
    public ClusterConnection KubeConfig(string? token = null)
    {
        var config = new KubernetesClientConfiguration { Host = BaseAddress.ToString(), AccessToken = token ?? BearerToken, HttpClientTimeout = Timeout.InfiniteTimeSpan };
        if (CaCertificatePem is not null)
        {
            var cas = new X509Certificate2Collection();
            cas.ImportFromPem(CaCertificatePem);
            config.SslCaCerts = cas;
        }
        return new ClusterConnection(config, "fake API server (test double)");
    }

    /// <summary>A kubeconfig file text pointing at this server, for CLI tests (<c>--kubeconfig</c>).</summary>
    public string KubeconfigYaml(string? token = null)
    {
        var t = token ?? BearerToken ?? "test-double-token";
        var ca = CaCertificatePem is null ? "" : $"\n    certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(CaCertificatePem))}";
        return $"""
            apiVersion: v1
            kind: Config
            current-context: fake
            clusters:
            - name: fake
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}{ca}
            users:
            - name: fake
              user:
                token: {t}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: fake
                namespace: default
            """;
    }

    public KubeApiClient CreateClient(KubeClientOptions? options = null) => new(KubeConfig(), options);

    /// <summary>Stores objects as if created through the API (resourceVersion, uid, watch events), bypassing HTTP and the request log.</summary>
    public void Seed(params KubernetesObject[] objects)
    {
        foreach (var o in objects) Put(KubeJson.ToNode<object>(o).AsObject());
    }

    /// <summary>Creates or replaces an object (by apiVersion and kind), bypassing HTTP: another actor's write. Returns the stored copy.</summary>
    public JsonObject Put(JsonObject obj)
    {
        var (resource, ns, name) = Locate(obj);
        var copy = obj.DeepClone().AsObject();
        (copy["metadata"] as JsonObject)?.Remove("resourceVersion");
        if (store.Get(resource.Group, resource.Plural, ns, name) is null) return store.Create(resource.Group, resource.Plural, ns, name, copy);
        return store.Update(resource.Group, resource.Plural, ns, name, _ => copy);
    }

    public JsonObject? Get(string group, string plural, string? ns, string name) => store.Get(group, plural, ns ?? "", name);

    public void Delete(string group, string plural, string? ns, string name) => store.Delete(group, plural, ns ?? "", name, null);

    /// <summary>Another identity takes the Lease now (as if it won an election we did not see).</summary>
    public void StealLease(string ns, string name, string holder) =>
        store.Update("coordination.k8s.io", "leases", ns, name, lease =>
        {
            var spec = lease["spec"] as JsonObject ?? (JsonObject)(lease["spec"] = new JsonObject());
            spec["holderIdentity"] = holder;
            spec["renewTime"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            (lease["metadata"] as JsonObject)?.Remove("resourceVersion");
            return lease;
        });

    /// <summary>Forgets the event history (like etcd compaction): watches and continue tokens from before now get 410 Gone.</summary>
    public void CompactHistory() => store.Compact();

    public async ValueTask DisposeAsync()
    {
        if (app is null) return;
        Faults.DropWatches();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private (FakeResource Resource, string Ns, string Name) Locate(JsonObject obj)
    {
        var (group, version) = KnownKinds.SplitApiVersion((string?)obj["apiVersion"]);
        var kind = (string?)obj["kind"];
        var resource = Resources.FirstOrDefault(r => r.Group == group && r.Kind == kind && r.Version == version)
            ?? Resources.FirstOrDefault(r => r.Group == group && r.Kind == kind)
            ?? throw new ArgumentException($"the test double serves no {kind} in group '{group}'");
        var name = (string?)obj["metadata"]?["name"] ?? throw new ArgumentException("the object has no metadata.name");
        var ns = resource.Namespaced ? (string?)obj["metadata"]?["namespace"] ?? "default" : "";
        if (resource.Namespaced) obj["metadata"]!["namespace"] = ns;
        return (resource, ns, name);
    }

    private async Task StartCoreAsync()
    {
        X509Certificate2? serving = null;
        if (Options.Https)
        {
            var (ca, server) = FakeTlsCertificates.Create();
            CaCertificatePem = ca.ExportCertificatePem();
            serving = server;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (serving is null) return;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = serving,
                // Client certificates are recorded, not verified: tests assert which one was presented.
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (_, _, _) => true,
            });
        }));
        app = builder.Build();
        var handler = new FakeRequestHandler(this, store, Faults, Requests);
        app.Run(handler.HandleAsync);
        await app.StartAsync();
        BaseAddress = new Uri(app.Urls.First());
    }
}
