using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.ServingCertificates;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Tests.ServingCertificates;

/// <summary>
/// A replica that is not the leader serves the leader's renewed certificate from its next TLS handshake, read through the API
/// (not the kubelet's volume) and swapped in memory, without a restart; the client trusts exactly the webhook's caBundle.
/// </summary>
public sealed class ServingCertReplicaTests : IAsyncLifetime
{
    private ServingCertWorld world = null!;

    // Starts five days ago so the first leaf is due for renewal now and both leaves are valid by the real clock TLS checks.
    public async Task InitializeAsync() => world = await ServingCertWorld.StartAsync(DateTimeOffset.UtcNow - TimeSpan.FromDays(5));

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task A_second_replica_serves_the_renewed_certificate_from_its_next_handshake_without_restart()
    {
        await world.Rotator.ReconcileAsync();
        using var replicaClient = world.Fake.CreateClient();
        var replica = new ServingSecretSource(replicaClient, ServingCertWorld.Options);
        using var stop = new CancellationTokenSource();
        var watching = replica.RunAsync(stop.Token);
        await Wait.Until(() => replica.Current is not null, "the replica has read the serving Secret");
        await using var server = ServingCertTlsServer.Start(() => replica.Current!.Certificate);
        var first = await HandshakeAsync(server.Port);

        world.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        Assert.True((await world.Rotator.ReconcileAsync()).LeafIssued);
        var renewed = (await world.LeafAsync()).Certificate.Thumbprint;
        await Wait.Until(() => replica.Current!.Certificate.Thumbprint == renewed, "the replica has the renewed certificate");
        var second = await HandshakeAsync(server.Port);

        Assert.NotEqual(first, second);
        Assert.Equal(renewed, second);
        Assert.NotEmpty(world.Fake.Requests.Where(r => r.Verb == "watch" && r.Resource == "secrets" && r.Query.Contains("fieldSelector", StringComparison.Ordinal)));
        await stop.CancelAsync();
        await watching;
    }

    [Fact]
    public async Task A_serving_Secret_that_does_not_parse_leaves_the_certificate_in_use()
    {
        await world.Rotator.ReconcileAsync();
        using var replicaClient = world.Fake.CreateClient();
        var replica = new ServingSecretSource(replicaClient, ServingCertWorld.Options);
        using var stop = new CancellationTokenSource();
        var watching = replica.RunAsync(stop.Token);
        await Wait.Until(() => replica.Current is not null, "the replica has read the serving Secret");
        var inUse = replica.Current!.Certificate.Thumbprint;

        var secret = await world.Client.GetAsync<V1Secret>(KubeResources.Secrets, "strimzi-guard", ServingCertWorld.Options.ServingSecretName);
        secret.Data!["tls.key"] = Convert.ToBase64String("not a key"u8.ToArray());
        await world.Client.ReplaceAsync(KubeResources.Secrets, secret);
        await Wait.Until(() => replica.Cache.Get("strimzi-guard", ServingCertWorld.Options.ServingSecretName)?.Metadata.ResourceVersion == world.Fake.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), "the replica saw the change");

        Assert.Equal(inUse, replica.Current!.Certificate.Thumbprint);
        await stop.CancelAsync();
        await watching;
    }

    /// <summary>Connects as the API server would: trusting only the validating webhook's caBundle and checking the Service name.</summary>
    private async Task<string> HandshakeAsync(int port)
    {
        var trusted = (await world.BundlesAsync())["values.ca-generation.strimzi-guard.io"];
        string? presented = null;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "strimzi-guard.strimzi-guard.svc",
            RemoteCertificateValidationCallback = (_, cert, _, errors) =>
            {
                if (cert is not X509Certificate2 c || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(trusted.ToArray());
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                presented = c.Thumbprint;
                return chain.Build(c);
            },
        });
        return presented!;
    }
}
