using StrimziGuard.Kubernetes.Certificates;

namespace StrimziGuard.Kubernetes.Tests;

/// <summary>Two replicas' runtimes on a fresh install: one Lease holder creates the certificate, both serve it, neither restarts.</summary>
public sealed class ServingCertRuntimeTests : IAsyncLifetime
{
    private ServingCertWorld world = null!;

    public async Task InitializeAsync() => world = await ServingCertWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task On_a_fresh_install_exactly_one_replica_rotates_and_both_get_the_same_certificate_through_the_API()
    {
        using var clientA = world.Fake.CreateClient();
        using var clientB = world.Fake.CreateClient();
        await using var a = new ServingCertRuntime(clientA, "replica-a", ServingCertWorld.Options);
        await using var b = new ServingCertRuntime(clientB, "replica-b", ServingCertWorld.Options);
        a.Start();
        b.Start();

        var (fromA, fromB) = (await a.WaitForCertificateAsync(TimeSpan.FromSeconds(20), default), await b.WaitForCertificateAsync(TimeSpan.FromSeconds(20), default));

        Assert.NotNull(fromA);
        Assert.Equal(fromA.Certificate.Thumbprint, fromB!.Certificate.Thumbprint);
        Assert.True(a.IsRotating ^ b.IsRotating, "exactly one replica holds the rotation Lease");
        Assert.Equal(2, world.Fake.Requests.Count("create", "secrets")); // the CA and the serving Secret, once, not once per replica
        var trusted = (await world.BundlesAsync()).Values.Select(bundle => bundle.Single().Thumbprint).Distinct().Single();
        Assert.True(fromA.IsSignedBy((await world.CaAsync()).Certificate));
        Assert.Equal((await world.CaAsync()).Certificate.Thumbprint, trusted);
    }
}
