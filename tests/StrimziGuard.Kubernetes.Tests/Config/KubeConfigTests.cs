using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Config;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.TestPki;

namespace StrimziGuard.Kubernetes.Tests.Config;

/// <summary>Kubeconfigs as users have them, read by KubernetesClient (plus our additions) and used against the fake API server, a test double.</summary>
public sealed class KubeConfigTests : IDisposable
{
    private static readonly KubeClientOptions NoRetry = new() { MaxRetries = 0 };
    private readonly string dir = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Token_user_gives_a_bearer_token_and_the_context_namespace()
    {
        var connection = Load(Kubeconfig(user: "token: abc123"));

        Assert.Equal("abc123", connection.Configuration.AccessToken);
        Assert.StartsWith("https://10.0.0.1:6443", connection.Server);
        Assert.Equal("kafka", connection.Namespace);
    }

    [Fact]
    public void A_named_context_is_used_instead_of_the_current_one()
    {
        var yaml = Kubeconfig(user: "token: abc").Replace("contexts:\n", "contexts:\n- name: other\n  context:\n    cluster: c\n    user: u\n    namespace: elsewhere\n", StringComparison.Ordinal);

        Assert.Equal("elsewhere", Load(yaml, context: "other").Namespace);
    }

    [Fact]
    public void A_missing_context_is_named_in_the_error()
    {
        var e = Assert.Throws<KubeConfigException>(() => Load(Kubeconfig(user: "token: a"), context: "nope"));
        Assert.Contains("'nope'", e.Message);
    }

    [Fact]
    public void A_kubeconfig_list_with_no_existing_file_says_so()
    {
        var env = Environment(("KUBECONFIG", Path.Combine(dir, "a") + Path.PathSeparator + Path.Combine(dir, "b")));

        var e = Assert.Throws<KubeConfigException>(() => ClusterConnections.Resolve(environment: env));

        Assert.Contains("none of the files in KUBECONFIG exists", e.Message);
    }

    [Theory]
    [InlineData("tokenFile: missing-token", "missing-token")]
    [InlineData("client-certificate: missing.crt\n    client-key: missing.key", "missing.key")]
    public void An_unusable_user_fails_with_a_message_naming_what_to_fix(string user, string expected)
    {
        var e = Assert.Throws<KubeConfigException>(() =>
        {
            using var client = new KubeApiClient(Load(Kubeconfig(user: user.Replace("\\n", "\n"))), NoRetry);
        });

        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public async Task An_exec_plugin_is_the_only_credential_and_runs_again_when_its_token_expires()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { BearerToken = "from-exec" });
        // Each run prints a token that expires two seconds later, as cloud plugins (aws eks get-token, gke-gcloud-auth-plugin) do.
        var plugin = Kubeconfigs.ExecPlugin(dir, "from-exec", expiresInSeconds: 2);
        var user = Kubeconfigs.ExecUser(plugin);
        using var client = new KubeApiClient(Load(Kubeconfig(Server(fake), user: user)), NoRetry);

        await client.ListAsync<V1Pod>(KubeResources.Pods, null);
        var afterFirst = Kubeconfigs.Runs(plugin);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await client.ListAsync<V1Pod>(KubeResources.Pods, null);

        Assert.All(fake.Requests.All, r => Assert.Equal(("from-exec", 200), (r.BearerToken, r.StatusCode)));
        Assert.True(Kubeconfigs.Runs(plugin) > afterFirst, "the plugin runs again once its token expired");
    }

    [Fact]
    public async Task A_kubeconfig_list_merges_the_cluster_from_one_file_with_the_user_from_another()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { BearerToken = "user-file-token" });
        var clusters = Path.Combine(dir, "clusters.yaml");
        var users = Path.Combine(dir, "users.yaml");
        File.WriteAllText(clusters, Kubeconfigs.Config(Server(fake), user: null) + "\nusers:\n- name: someone-else\n  user:\n    token: not-this\n");
        File.WriteAllText(users, Kubeconfigs.UserOnly("token: user-file-token") + "- name: someone-else\n  user:\n    token: loses-to-the-first-file\ncurrent-context: ignored-second\n");
        var env = Environment(("KUBECONFIG", clusters + Path.PathSeparator + Path.Combine(dir, "missing.yaml") + Path.PathSeparator + users));

        var connection = ClusterConnections.Resolve(environment: env);
        using var client = new KubeApiClient(connection, NoRetry);
        await client.ListAsync<V1Pod>(KubeResources.Pods, null);

        Assert.Equal("kafka", connection.Namespace);
        Assert.Equal(("user-file-token", 200), (fake.Requests.All[0].BearerToken, fake.Requests.All[0].StatusCode));
    }

    [Fact]
    public async Task A_client_certificate_kubeconfig_authenticates_over_https_and_a_wrong_ca_is_refused()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { Https = true });
        var (cert, key) = ClientCertificate();
        File.WriteAllText(Path.Combine(dir, "client.crt"), cert);
        File.WriteAllText(Path.Combine(dir, "client.key"), key);
        var ca = $"certificate-authority-data: {B64(fake.CaCertificatePem!)}";
        var fromData = Load(Kubeconfig(Server(fake), cluster: ca, user: $"client-certificate-data: {B64(cert)}\n    client-key-data: {B64(key)}"));
        var fromFiles = Load(Kubeconfig(Server(fake), cluster: ca, user: "client-certificate: client.crt\n    client-key: client.key"));
        var wrongCa = Load(Kubeconfig(Server(fake), cluster: $"certificate-authority-data: {B64(CaPem())}", user: "token: x"));

        using (var client = new KubeApiClient(fromData, NoRetry)) await client.ListAsync<V1Pod>(KubeResources.Pods, null);
        using (var client = new KubeApiClient(fromFiles, NoRetry)) await client.ListAsync<V1Pod>(KubeResources.Pods, null);
        using (var client = new KubeApiClient(wrongCa, NoRetry)) await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.ListAsync<V1Pod>(KubeResources.Pods, null));

        Assert.All(fake.Requests.All, r => Assert.Contains("guard-user", r.ClientCertificate));
        Assert.Equal(2, fake.Requests.All.Count);
    }

    [Fact]
    public async Task A_projected_token_rotated_mid_run_is_read_again_when_the_server_refuses_the_old_one()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { BearerToken = "one" });
        var tokenPath = Path.Combine(dir, "token");
        File.WriteAllText(tokenPath, "one");
        using var client = new KubeApiClient(Load(Kubeconfig(Server(fake), user: "tokenFile: token")), NoRetry);
        await client.ListAsync<V1Pod>(KubeResources.Pods, null);

        fake.BearerToken = "two";
        File.WriteAllText(tokenPath, "two");
        await client.ListAsync<V1Pod>(KubeResources.Pods, null);
        await client.ListAsync<V1Pod>(KubeResources.Pods, null);

        Assert.Equal([("one", 200), ("one", 401), ("two", 200), ("two", 200)], fake.Requests.All.Select(r => (r.BearerToken, r.StatusCode)));
    }

    [Fact]
    public async Task An_https_proxy_from_the_environment_carries_the_connection_unless_no_proxy_names_the_host()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { Https = true });
        await using var proxy = new ConnectProxy();
        var path = Path.Combine(dir, "config");
        File.WriteAllText(path, Kubeconfig(Server(fake), cluster: $"certificate-authority-data: {B64(fake.CaCertificatePem!)}", user: "token: t"));

        var proxied = ClusterConnections.Resolve(path, environment: Environment(("HTTPS_PROXY", proxy.Address.ToString())));
        using (var client = new KubeApiClient(proxied, NoRetry)) await client.ListAsync<V1Pod>(KubeResources.Pods, null);
        var bypassed = ClusterConnections.Resolve(path, environment: Environment(("https_proxy", proxy.Address.ToString()), ("NO_PROXY", "example.com,127.0.0.1")));
        using (var client = new KubeApiClient(bypassed, NoRetry)) await client.ListAsync<V1Pod>(KubeResources.Pods, null);

        Assert.Equal([$"127.0.0.1:{fake.BaseAddress.Port}"], proxy.Connects);
        Assert.Equal(2, fake.Requests.All.Count);
    }

    [Fact]
    public async Task A_proxy_url_in_the_kubeconfig_is_used_for_its_cluster()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { Https = true });
        await using var proxy = new ConnectProxy();
        var cluster = $"certificate-authority-data: {B64(fake.CaCertificatePem!)}\n    proxy-url: {proxy.Address}";

        using (var client = new KubeApiClient(Load(Kubeconfig(Server(fake), cluster: cluster, user: "token: t")), NoRetry))
            await client.ListAsync<V1Pod>(KubeResources.Pods, null);

        Assert.Single(proxy.Connects);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static string Server(FakeApiServer fake) => fake.BaseAddress.ToString().TrimEnd('/');

    private ClusterConnection Load(string yaml, string? context = null)
    {
        var path = Path.Combine(dir, $"config-{Guid.NewGuid():N}");
        File.WriteAllText(path, yaml);
        return ClusterConnections.Resolve(path, context, environment: Environment());
    }

    private static string Kubeconfig(string server = "https://10.0.0.1:6443", string cluster = "", string user = "") => Kubeconfigs.Config(server, cluster, user);
}
