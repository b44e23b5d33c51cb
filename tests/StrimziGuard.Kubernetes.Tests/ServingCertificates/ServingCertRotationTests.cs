using StrimziGuard.Kubernetes.ServingCertificates;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Tests.ServingCertificates;

/// <summary>The leader's rotation of the guard's own serving certificate, against the fake API server (a test double).</summary>
public sealed class ServingCertRotationTests : IAsyncLifetime
{
    private ServingCertWorld world = null!;

    public async Task InitializeAsync() => world = await ServingCertWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task A_fresh_install_gets_a_CA_and_a_leaf_of_at_most_seven_days_trusted_by_every_webhook()
    {
        var report = await world.Rotator.ReconcileAsync();

        Assert.True(report.CaCreated && report.LeafIssued);
        var (ca, leaf) = (await world.CaAsync(), await world.LeafAsync());
        Assert.True(leaf.NotAfter - leaf.NotBefore <= TimeSpan.FromDays(7));
        Assert.True(leaf.IsSignedBy(ca.Certificate));
        Assert.Contains("strimzi-guard.strimzi-guard.svc", leaf.DnsNames);
        var bundles = await world.BundlesAsync();
        Assert.Equal(3, bundles.Count);
        Assert.All(bundles.Values, b => Assert.Equal([ca.Certificate.Thumbprint], b.Select(c => c.Thumbprint)));
    }

    [Fact]
    public async Task A_second_pass_with_nothing_due_writes_nothing()
    {
        await world.Rotator.ReconcileAsync();
        world.Fake.Requests.Clear();
        world.Clock.Advance(TimeSpan.FromHours(1));

        var report = await world.Rotator.ReconcileAsync();

        Assert.False(report.CaCreated || report.LeafIssued);
        Assert.Equal(0, report.BundlesPatched);
        Assert.Equal(0, world.Fake.Requests.Count("create") + world.Fake.Requests.Count("update") + world.Fake.Requests.Count("patch"));
        Assert.Equal(world.Clock.GetUtcNow() + ServingCertWorld.Options.Resync, report.NextCheck);
    }

    [Fact]
    public async Task The_leaf_is_renewed_at_two_thirds_of_its_life_well_before_it_expires_and_the_caBundle_stays_as_it_was()
    {
        await world.Rotator.ReconcileAsync();
        var first = await world.LeafAsync();
        var renewAt = first.NotBefore + (first.NotAfter - first.NotBefore) * 2 / 3;
        var before = await world.BundlesAsync();

        world.Clock.SetUtcNow(renewAt - TimeSpan.FromMinutes(1));
        Assert.False((await world.Rotator.ReconcileAsync()).LeafIssued);
        world.Clock.SetUtcNow(renewAt);
        var report = await world.Rotator.ReconcileAsync();

        Assert.True(report.LeafIssued);
        var second = await world.LeafAsync();
        Assert.NotEqual(first.Certificate.Thumbprint, second.Certificate.Thumbprint);
        Assert.True(first.NotAfter - world.Clock.GetUtcNow() > TimeSpan.FromDays(2), "renewed with more than two days of the old leaf left");
        Assert.Equal(0, report.BundlesPatched);
        Assert.Equal(before.Values.Select(b => b.Single().Thumbprint), (await world.BundlesAsync()).Values.Select(b => b.Single().Thumbprint));
    }

    [Fact]
    public async Task A_CA_change_overlaps_old_and_new_CA_in_every_bundle_until_no_leaf_of_the_old_CA_can_be_served()
    {
        await world.Rotator.ReconcileAsync();
        var (oldCa, oldLeaf) = (await world.CaAsync(), await world.LeafAsync());

        // The CA is due (2/3 of a year): a new CA goes into every bundle beside the old one; the old leaf keeps being served.
        world.Clock.SetUtcNow(oldCa.NotBefore + (oldCa.NotAfter - oldCa.NotBefore) * 2 / 3);
        var pass1 = await world.Rotator.ReconcileAsync();
        Assert.True(pass1.CaCreated);
        Assert.False(pass1.LeafIssued);
        Assert.Equal(world.Clock.GetUtcNow() + ServingCertWorld.Options.BundlePropagation, pass1.NextCheck);
        var newCa = await world.CaAsync();
        Assert.All((await world.BundlesAsync()).Values, b => Assert.Equal([newCa.Certificate.Thumbprint, oldCa.Certificate.Thumbprint], b.Select(c => c.Thumbprint)));
        Assert.Equal(oldLeaf.Certificate.Thumbprint, (await world.LeafAsync()).Certificate.Thumbprint);

        // Once every API server has had time to see the bundle, the leaf from the new CA is issued; both CAs stay trusted.
        world.Clock.Advance(ServingCertWorld.Options.BundlePropagation);
        Assert.True((await world.Rotator.ReconcileAsync()).LeafIssued);
        Assert.True((await world.LeafAsync()).IsSignedBy(newCa.Certificate));
        Assert.All((await world.BundlesAsync()).Values, b => Assert.Equal(2, b.Count));

        // One leaf lifetime after the change no certificate of the old CA can still be in use: it leaves the bundles.
        world.Clock.Advance(ServingCertWorld.Options.LeafLifetime);
        await world.Rotator.ReconcileAsync();
        Assert.All((await world.BundlesAsync()).Values, b => Assert.Equal([newCa.Certificate.Thumbprint], b.Select(c => c.Thumbprint)));
    }

    [Fact]
    public async Task A_webhook_configuration_that_was_deleted_is_never_recreated()
    {
        world.Fake.Delete("admissionregistration.k8s.io", "validatingwebhookconfigurations", null, "strimzi-guard");

        var report = await world.Rotator.ReconcileAsync();

        Assert.Equal(1, report.BundlesPatched);
        Assert.Null(world.Fake.Get("admissionregistration.k8s.io", "validatingwebhookconfigurations", null, "strimzi-guard"));
        Assert.Equal(0, world.Fake.Requests.Count("create", "validatingwebhookconfigurations") + world.Fake.Requests.Count("create", "mutatingwebhookconfigurations"));
    }

    [Fact]
    public async Task Configurations_injected_by_cert_manager_are_left_to_it_entirely()
    {
        var config = world.Fake.Get("admissionregistration.k8s.io", "validatingwebhookconfigurations", null, "strimzi-guard")!;
        config["metadata"]!["annotations"] = new System.Text.Json.Nodes.JsonObject { [WebhookConfiguration.InjectCaFromAnnotation] = "strimzi-guard/strimzi-guard-serving-cert" };
        world.Fake.Put(config);

        var report = await world.Rotator.ReconcileAsync();

        Assert.True(report.HandsOff);
        Assert.Equal(0, world.Fake.Requests.Count("create") + world.Fake.Requests.Count("patch") + world.Fake.Requests.Count("update"));
        Assert.Null(world.Fake.Get("", "secrets", "strimzi-guard", ServingCertWorld.Options.ServingSecretName));
    }
}
