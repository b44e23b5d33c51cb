using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Config;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.TestPki;

namespace StrimziGuard.Kubernetes.Tests;

public sealed class KubeConfigTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Token_user_gives_a_bearer_token_and_the_context_namespace()
    {
        var config = Load(Kubeconfig(user: "token: abc123"));

        Assert.Equal("abc123", config.Token!.GetToken());
        Assert.Equal(new Uri("https://10.0.0.1:6443"), config.Server);
        Assert.Equal("kafka", config.Namespace);
        Assert.Null(config.ClientCertificate);
    }

    [Fact]
    public void Token_file_is_relative_to_the_kubeconfig_and_reread_when_it_rotates()
    {
        File.WriteAllText(Path.Combine(dir, "token"), "first\n");
        var config = Load(Kubeconfig(user: "tokenFile: token"));
        Assert.Equal("first", config.Token!.GetToken());

        File.WriteAllText(Path.Combine(dir, "token"), "second");
        config.Token.Invalidate();

        Assert.Equal("second", config.Token.GetToken());
    }

    [Fact]
    public void Client_certificate_and_key_as_data_load_with_the_private_key()
    {
        var (cert, key) = ClientCertificate();

        var config = Load(Kubeconfig(user: $"client-certificate-data: {B64(cert)}\n    client-key-data: {B64(key)}"));

        Assert.True(config.ClientCertificate!.HasPrivateKey);
        Assert.Contains("guard-user", config.ClientCertificate.Subject);
    }

    [Fact]
    public void Client_certificate_and_key_as_files_load_the_same_way()
    {
        var (cert, key) = ClientCertificate();
        File.WriteAllText(Path.Combine(dir, "client.crt"), cert);
        File.WriteAllText(Path.Combine(dir, "client.key"), key);

        var config = Load(Kubeconfig(user: "client-certificate: client.crt\n    client-key: client.key"));

        Assert.True(config.ClientCertificate!.HasPrivateKey);
    }

    [Fact]
    public void Ca_as_data_and_as_file_give_the_same_trust_and_insecure_is_off_unless_asked()
    {
        var ca = CaPem();
        File.WriteAllText(Path.Combine(dir, "ca.crt"), ca);

        var fromData = Load(Kubeconfig(cluster: $"certificate-authority-data: {B64(ca)}"));
        var fromFile = Load(Kubeconfig(cluster: "certificate-authority: ca.crt"));
        var insecure = Load(Kubeconfig(cluster: "insecure-skip-tls-verify: true"));

        Assert.Equal(fromData.CertificateAuthorities[0].Thumbprint, fromFile.CertificateAuthorities[0].Thumbprint);
        Assert.False(fromData.InsecureSkipTlsVerify);
        Assert.False(fromFile.InsecureSkipTlsVerify);
        Assert.True(insecure.InsecureSkipTlsVerify);
    }

    [Fact]
    public void A_named_context_is_used_instead_of_the_current_one()
    {
        var yaml = Kubeconfig(user: "token: abc") + """

            - name: other
              context:
                cluster: c
                user: u
                namespace: elsewhere
            """;

        Assert.Equal("elsewhere", KubeConfigLoader.FromText(yaml, dir, context: "other").Namespace);
    }

    [Theory]
    [InlineData("exec:\n      command: aws", "exec or auth-provider")]
    [InlineData("client-certificate-data: QQ==", "certificate but no key")]
    [InlineData("tokenFile: missing-token", "missing-token")]
    public void Unusable_users_fail_with_a_message_that_says_what_to_fix(string user, string expected)
    {
        var e = Assert.Throws<KubeConfigException>(() => Load(Kubeconfig(user: user)).Token?.GetToken());
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_missing_context_is_named_in_the_error()
    {
        var e = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.FromText(Kubeconfig(user: "token: a"), dir, context: "nope"));
        Assert.Contains("'nope'", e.Message);
    }

    [Fact]
    public void In_cluster_config_needs_the_service_host_and_reads_token_ca_and_namespace()
    {
        var missing = Assert.Throws<KubeConfigException>(() => InClusterConfig.Load(_ => null, dir));
        Assert.Contains("--kubeconfig", missing.Message);

        File.WriteAllText(Path.Combine(dir, "token"), "sa-token");
        File.WriteAllText(Path.Combine(dir, "ca.crt"), CaPem());
        File.WriteAllText(Path.Combine(dir, "namespace"), "strimzi\n");
        var env = new Dictionary<string, string> { [InClusterConfig.HostVariable] = "fd00::1", [InClusterConfig.PortVariable] = "443" };

        var config = InClusterConfig.Load(env.GetValueOrDefault, dir, tokenRefresh: TimeSpan.Zero);

        Assert.Equal("https://[fd00::1]/", config.Server.ToString());
        Assert.Equal("sa-token", config.Token!.GetToken());
        Assert.Equal("strimzi", config.Namespace);
        File.WriteAllText(Path.Combine(dir, "token"), "rotated");
        Assert.Equal("rotated", config.Token.GetToken());
    }

    [Fact]
    public async Task Https_with_the_ca_from_the_kubeconfig_works_and_a_wrong_ca_is_refused()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { Https = true });
        var (cert, key) = ClientCertificate();
        var server = fake.BaseAddress.ToString().TrimEnd('/');
        var trusted = Load(Kubeconfig(server, cluster: $"certificate-authority-data: {B64(fake.CaCertificatePem!)}", user: $"client-certificate-data: {B64(cert)}\n    client-key-data: {B64(key)}"));
        var wrongCa = Load(Kubeconfig(server, cluster: $"certificate-authority-data: {B64(CaPem())}", user: "token: x"));
        var insecure = Load(Kubeconfig(server, cluster: "insecure-skip-tls-verify: true", user: "token: x"));
        var noRetry = new KubeClientOptions { MaxRetries = 0 };

        using (var client = new KubeApiClient(trusted, noRetry)) await client.ListAsync<V1Pod>(KubeResources.Pods, null);
        using (var client = new KubeApiClient(insecure, noRetry)) await client.ListAsync<V1Pod>(KubeResources.Pods, null);
        using (var client = new KubeApiClient(wrongCa, noRetry)) await Assert.ThrowsAsync<HttpRequestException>(() => client.ListAsync<V1Pod>(KubeResources.Pods, null));

        Assert.Contains("guard-user", fake.Requests.All[0].ClientCertificate);
        Assert.Equal("x", fake.Requests.All[1].BearerToken);
    }

    [Fact]
    public async Task A_rotated_token_file_is_read_again_after_a_401()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { BearerToken = "one" });
        var tokenPath = Path.Combine(dir, "token");
        File.WriteAllText(tokenPath, "one");
        var config = new KubeConfig { Server = fake.BaseAddress, Token = new TokenFile(tokenPath, TimeSpan.FromHours(1)) };
        using var client = new KubeApiClient(config);
        await client.ListAsync<V1Pod>(KubeResources.Pods, null);

        fake.BearerToken = "two";
        File.WriteAllText(tokenPath, "two");

        await client.ListAsync<V1Pod>(KubeResources.Pods, null);
        Assert.Equal([200, 401, 200], fake.Requests.All.Select(r => r.StatusCode));
    }

    private KubeConfig Load(string yaml) => KubeConfigLoader.FromText(yaml, dir, sourceName: "test kubeconfig");

    private static string Kubeconfig(string server = "https://10.0.0.1:6443", string cluster = "", string user = "") => $"""
        apiVersion: v1
        kind: Config
        current-context: main
        clusters:
        - name: c
          cluster:
            server: {server}
            {cluster}
        users:
        - name: u
          user:
            {user}
        contexts:
        - name: main
          context:
            cluster: c
            user: u
            namespace: kafka
        """;
}
