using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.ServingCertificates;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Testing.FakeApi;

namespace StrimziGuard.Kubernetes.Tests.ServingCertificates;

/// <summary>
/// The fake API server (a test double) serving the guard's two webhook configurations as the manifests install them, a clock the
/// test moves, and the leader's rotator; helpers read back the Secrets and caBundles.
/// </summary>
internal sealed class ServingCertWorld : IAsyncDisposable
{
    public static readonly ServingCertOptions Options = new() { BundlePropagation = TimeSpan.FromSeconds(30) };

    private ServingCertWorld(FakeApiServer fake, KubeApiClient client, DateTimeOffset start)
    {
        Fake = fake;
        Client = client;
        Clock = new FakeTimeProvider(start);
        Rotator = new ServingCertRotator(client, Options, Clock);
    }

    public FakeApiServer Fake { get; }

    public KubeApiClient Client { get; }

    public FakeTimeProvider Clock { get; }

    public ServingCertRotator Rotator { get; }

    public static async Task<ServingCertWorld> StartAsync(DateTimeOffset? start = null)
    {
        var resources = FakeResource.Defaults.Concat(
        [
            new FakeResource("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", Namespaced: false),
            new FakeResource("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", Namespaced: false),
        ]).ToArray();
        var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { Resources = resources });
        var world = new ServingCertWorld(fake, fake.CreateClient(new KubeClientOptions { MaxRetries = 0 }), start ?? DateTimeOffset.UtcNow);
        world.PutConfiguration("MutatingWebhookConfiguration", "pod-stamp.ca-generation.strimzi-guard.io");
        world.PutConfiguration("ValidatingWebhookConfiguration", "values.ca-generation.strimzi-guard.io", "kafkas.cert-lifetime.strimzi-guard.io");
        return world;
    }

    public void PutConfiguration(string kind, params string[] webhooks) => Fake.Put(new JsonObject
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = "strimzi-guard" },
        ["webhooks"] = new JsonArray(webhooks.Select(w => (JsonNode)new JsonObject
        {
            ["name"] = w,
            ["clientConfig"] = new JsonObject { ["service"] = new JsonObject { ["namespace"] = "strimzi-guard", ["name"] = "strimzi-guard", ["port"] = 443 } },
        }).ToArray()),
    });

    /// <summary>The CA certificates in each webhook's caBundle, per webhook name, across both configurations.</summary>
    public async Task<Dictionary<string, IReadOnlyList<X509Certificate2>>> BundlesAsync()
    {
        var all = new Dictionary<string, IReadOnlyList<X509Certificate2>>();
        foreach (var kind in new[] { KubeResources.MutatingWebhookConfigurations, KubeResources.ValidatingWebhookConfigurations })
        {
            var config = await Client.TryGetAsync<WebhookConfiguration>(kind, null, "strimzi-guard");
            foreach (var (_, name, bundle) in config?.Entries() ?? []) all[name] = CaBundle.FromBase64(bundle);
        }
        return all;
    }

    public async Task<IssuedCertificate> LeafAsync() => Pair(await Client.GetAsync<V1Secret>(KubeResources.Secrets, "strimzi-guard", Options.ServingSecretName));

    public async Task<IssuedCertificate> CaAsync() => Pair(await Client.GetAsync<V1Secret>(KubeResources.Secrets, "strimzi-guard", Options.CaSecretName));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Fake.DisposeAsync();
    }

    private static IssuedCertificate Pair(V1Secret secret)
    {
        string Text(string key) => System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(secret.Data![key]));
        return IssuedCertificate.FromPem(Text("tls.crt"), Text("tls.key"));
    }
}
