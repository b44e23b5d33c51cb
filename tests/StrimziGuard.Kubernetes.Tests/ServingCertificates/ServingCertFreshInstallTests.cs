using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Leader;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Kubernetes.Tests.ServingCertificates;

/// <summary>
/// Two replicas on a fresh install, each as serve runs them: the serving Secret watched, and one LeaderRuntime whose leader task is the
/// rotator. One Lease holder creates the certificate, both serve it, neither restarts.
/// </summary>
public sealed class ServingCertFreshInstallTests : IAsyncLifetime
{
    private ServingCertWorld world = null!;

    public async Task InitializeAsync() => world = await ServingCertWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task On_a_fresh_install_exactly_one_replica_rotates_and_both_get_the_same_certificate_through_the_API()
    {
        using var clientA = world.Fake.CreateClient();
        using var clientB = world.Fake.CreateClient();
        using var stop = new CancellationTokenSource();
        var (a, sourceA, runningA) = Replica(clientA, "replica-a", stop.Token);
        var (b, sourceB, runningB) = Replica(clientB, "replica-b", stop.Token);

        var (fromA, fromB) = (await sourceA.WaitForCertificateAsync(TimeSpan.FromSeconds(20), default), await sourceB.WaitForCertificateAsync(TimeSpan.FromSeconds(20), default));

        Assert.NotNull(fromA);
        Assert.Equal(fromA.Certificate.Thumbprint, fromB!.Certificate.Thumbprint);
        Assert.True(a.IsLeader ^ b.IsLeader, "exactly one replica holds the Lease");
        Assert.Equal(2, world.Fake.Requests.Count("create", "secrets")); // the CA and the serving Secret, once, not once per replica
        var trusted = (await world.BundlesAsync()).Values.Select(bundle => bundle.Single().Thumbprint).Distinct().Single();
        Assert.True(fromA.IsSignedBy((await world.CaAsync()).Certificate));
        Assert.Equal((await world.CaAsync()).Certificate.Thumbprint, trusted);
        await stop.CancelAsync();
        await Task.WhenAll(runningA, runningB);
    }

    private static (LeaderElector Elector, ServingSecretSource Source, Task Running) Replica(KubeApiClient client, string identity, CancellationToken stop)
    {
        var elector = new LeaderElector(client, new LeaderElectionOptions("strimzi-guard", "strimzi-guard-leader", identity));
        var source = new ServingSecretSource(client, ServingCertWorld.Options);
        var runtime = new LeaderRuntime(elector, [new ServingCertRotator(client, ServingCertWorld.Options)]);
        return (elector, source, Task.WhenAll(source.RunAsync(stop), runtime.RunAsync(stop)));
    }
}
