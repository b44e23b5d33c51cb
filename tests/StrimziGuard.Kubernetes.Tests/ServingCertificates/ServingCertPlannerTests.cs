using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Kubernetes.Tests.ServingCertificates;

/// <summary>
/// The decisions of the serving-certificate rotation, called directly with Secrets and webhook configurations as the leader reads them:
/// no API server, no clock but the one passed in.
/// </summary>
public sealed class ServingCertPlannerTests
{
    private static readonly ServingCertOptions Options = new();
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IssuedCertificate Ca = CertificateIssuer.CreateCa("strimzi-guard.strimzi-guard webhook CA", Start, Options.CaLifetime);
    private static readonly IssuedCertificate Leaf = CertificateIssuer.IssueServing(Ca, Options.DnsNames, Start, Options.LeafLifetime);

    private static V1Secret CaSecret(IssuedCertificate ca) =>
        TlsSecrets.Build(Options.Namespace, Options.CaSecretName, ca, null, new Dictionary<string, string> { [TlsSecrets.CaChangedAtAnnotation] = Start.ToString("o") });

    private static V1Secret ServingSecret(IssuedCertificate leaf, params IssuedCertificate[] bundle) =>
        TlsSecrets.Build(Options.Namespace, Options.ServingSecretName, leaf, CaBundle.ToPem(bundle.Select(c => c.Certificate)));

    private static ObservedConfiguration Configuration(ApiResource kind, params (string Webhook, IssuedCertificate[] Trusts)[] webhooks) => new(kind, new WebhookConfiguration
    {
        Metadata = new V1ObjectMeta { Name = "strimzi-guard", ResourceVersion = "42" },
        Webhooks = new JsonArray(webhooks.Select(w => (JsonNode)new JsonObject
        {
            ["name"] = w.Webhook,
            ["clientConfig"] = new JsonObject { ["caBundle"] = CaBundle.ToBase64(w.Trusts.Select(c => c.Certificate)) },
        }).ToArray()),
    });

    private static IReadOnlyList<ObservedConfiguration> Trusting(params IssuedCertificate[] cas) =>
    [
        Configuration(KubeResources.MutatingWebhookConfigurations, ("pod-stamp.ca-generation.strimzi-guard.io", cas)),
        Configuration(KubeResources.ValidatingWebhookConfigurations, ("values.ca-generation.strimzi-guard.io", cas), ("kafkas.cert-lifetime.strimzi-guard.io", cas)),
    ];

    [Fact]
    public void With_nothing_due_the_plan_keeps_everything_and_looks_again_after_the_resync_period()
    {
        var now = Start + TimeSpan.FromDays(1);

        var ca = ServingCertPlanner.PlanCa(CaSecret(Ca), now, Options);
        var plan = ServingCertPlanner.Plan(ca.Current!, ca.ChangedAt, Trusting(Ca), ServingSecret(Leaf, Ca), now, Options);

        Assert.Null(ca.ReplaceBecause);
        Assert.Equal(Ca.Certificate.Thumbprint, ca.Current!.Certificate.Thumbprint);
        Assert.Equal(LeafAction.Keep, plan.Leaf);
        Assert.Empty(plan.BundleWrites);
        Assert.Equal([Ca.Certificate.Thumbprint], plan.Bundle.Select(c => c.Thumbprint));
        Assert.Equal(now + Options.Resync, plan.NextCheck);
    }

    [Fact]
    public void A_serving_certificate_at_two_thirds_of_its_life_is_reissued_and_no_caBundle_changes()
    {
        var renewAt = Options.RenewalTime(Leaf.NotBefore, Leaf.NotAfter);

        var before = ServingCertPlanner.Plan(Ca, Start, Trusting(Ca), ServingSecret(Leaf, Ca), renewAt - TimeSpan.FromSeconds(1), Options);
        var due = ServingCertPlanner.Plan(Ca, Start, Trusting(Ca), ServingSecret(Leaf, Ca), renewAt, Options);

        Assert.Equal(LeafAction.Keep, before.Leaf);
        Assert.Equal(renewAt, before.NextCheck);
        Assert.Equal(LeafAction.Issue, due.Leaf);
        Assert.StartsWith("renewal due since", due.LeafReason, StringComparison.Ordinal);
        Assert.Empty(due.BundleWrites);
    }

    [Fact]
    public void A_CA_at_two_thirds_of_its_life_is_replaced_and_the_new_CA_joins_the_old_in_every_caBundle_before_any_leaf_of_it_is_served()
    {
        var renewAt = Options.RenewalTime(Ca.NotBefore, Ca.NotAfter);
        var now = renewAt + TimeSpan.FromMinutes(1);
        var current = CertificateIssuer.IssueServing(Ca, Options.DnsNames, now - TimeSpan.FromDays(1), Options.LeafLifetime);

        var ca = ServingCertPlanner.PlanCa(CaSecret(Ca), now, Options);
        Assert.Equal(ServingCertPlanner.PlanCa(CaSecret(Ca), renewAt - TimeSpan.FromSeconds(1), Options).Current?.Certificate.Thumbprint, Ca.Certificate.Thumbprint);
        Assert.Null(ca.Current);
        Assert.StartsWith("renewal due since", ca.ReplaceBecause, StringComparison.Ordinal);

        // The rotator makes the new CA; the plan from it: both CAs in every bundle, the old leaf served until the bundles have spread.
        var next = CertificateIssuer.CreateCa("next CA", now, Options.CaLifetime);
        var plan = ServingCertPlanner.Plan(next, now, Trusting(Ca), ServingSecret(current, Ca), now, Options);

        Assert.Equal([next.Certificate.Thumbprint, Ca.Certificate.Thumbprint], plan.Bundle.Select(c => c.Thumbprint));
        Assert.Equal([KubeResources.MutatingWebhookConfigurations, KubeResources.ValidatingWebhookConfigurations], plan.BundleWrites.Select(w => w.Resource));
        Assert.Equal(LeafAction.WaitForBundle, plan.Leaf);
        Assert.Equal("signed by another CA", plan.LeafReason);
        Assert.Equal(now + Options.BundlePropagation, plan.NextCheck);

        // A pass later the bundles hold both CAs: the leaf from the new CA is issued.
        var later = now + Options.BundlePropagation;
        Assert.Equal(LeafAction.Issue, ServingCertPlanner.Plan(next, now, Trusting(next, Ca), ServingSecret(current, next, Ca), later, Options).Leaf);
    }

    [Fact]
    public void A_caBundle_someone_changed_on_one_webhook_is_patched_on_that_webhook_only_guarded_by_its_name_and_the_resourceVersion()
    {
        var other = CertificateIssuer.CreateCa("someone else's CA", Start, Options.CaLifetime);
        ObservedConfiguration[] configurations =
        [
            Configuration(KubeResources.MutatingWebhookConfigurations, ("pod-stamp.ca-generation.strimzi-guard.io", [Ca])),
            Configuration(KubeResources.ValidatingWebhookConfigurations, ("values.ca-generation.strimzi-guard.io", [Ca]), ("kafkas.cert-lifetime.strimzi-guard.io", [other])),
        ];

        // Past one leaf lifetime after the CA change, so nothing but the current CA belongs in a bundle.
        var now = Start + Options.LeafLifetime + TimeSpan.FromHours(1);
        var leaf = CertificateIssuer.IssueServing(Ca, Options.DnsNames, now - TimeSpan.FromHours(2), Options.LeafLifetime);
        var plan = ServingCertPlanner.Plan(Ca, Start, configurations, ServingSecret(leaf, Ca), now, Options);

        var write = Assert.Single(plan.BundleWrites);
        Assert.Equal((KubeResources.ValidatingWebhookConfigurations, "strimzi-guard", "42", 1), (write.Resource, write.Name, write.ResourceVersion, write.Webhooks));
        Assert.Equal(
            ["test /webhooks/1/name \"kafkas.cert-lifetime.strimzi-guard.io\"", $"add /webhooks/1/clientConfig/caBundle \"{CaBundle.ToBase64([Ca.Certificate])}\""],
            write.Patch.Select(op => $"{op.Op} {op.Path} {op.Value?.ToJsonString()}"));
        Assert.Equal(LeafAction.Keep, plan.Leaf);
    }

    [Fact]
    public void An_unreadable_CA_Secret_is_replaced_with_a_reason_that_names_the_Secret_and_what_is_wrong()
    {
        var broken = CaSecret(Ca);
        broken.Data!["tls.key"] = "bm90IGEga2V5"; // "not a key"

        var plan = ServingCertPlanner.PlanCa(broken, Start, Options);

        Assert.Null(plan.Current);
        Assert.StartsWith("Secret strimzi-guard/strimzi-guard-ca: tls.crt and tls.key do not form a certificate and key", plan.ReplaceBecause, StringComparison.Ordinal);
        Assert.Equal("Secret strimzi-guard/strimzi-guard-ca: missing", ServingCertPlanner.PlanCa(null, Start, Options).ReplaceBecause);
    }

    [Fact]
    public void An_unreadable_serving_Secret_gets_a_new_leaf_with_a_reason_that_says_why()
    {
        var broken = ServingSecret(Leaf, Ca);
        broken.Data!["tls.crt"] = "%%% not base64 %%%";

        var plan = ServingCertPlanner.Plan(Ca, Start, Trusting(Ca), broken, Start + TimeSpan.FromHours(1), Options);

        Assert.Equal(LeafAction.Issue, plan.Leaf);
        Assert.StartsWith("no usable serving certificate in Secret strimzi-guard/strimzi-guard-serving-cert: tls.crt and tls.key do not form", plan.LeafReason, StringComparison.Ordinal);
        Assert.Null(plan.CurrentLeaf);
    }

    [Fact]
    public void A_serving_Secret_whose_ca_crt_differs_from_the_bundle_is_rewritten_and_its_leaf_kept()
    {
        var plan = ServingCertPlanner.Plan(Ca, Start, Trusting(Ca), ServingSecret(Leaf), Start + TimeSpan.FromDays(1), Options);

        Assert.Equal(LeafAction.RewriteBundle, plan.Leaf);
        Assert.Equal(Leaf.Certificate.Thumbprint, plan.CurrentLeaf!.Certificate.Thumbprint);
        Assert.Equal(CaBundle.ToPem([Ca.Certificate]), plan.BundlePem);
    }

    [Fact]
    public void A_configuration_injected_by_cert_manager_makes_the_rotation_stand_aside()
    {
        var configurations = Trusting(Ca);
        configurations[1].Configuration.Metadata.Annotations = new Dictionary<string, string> { [WebhookConfiguration.InjectCaFromAnnotation] = "strimzi-guard/strimzi-guard-serving-cert" };

        Assert.Same(configurations[1], ServingCertPlanner.InjectedByCertManager(configurations));
        Assert.Null(ServingCertPlanner.InjectedByCertManager(Trusting(Ca)));
    }

    [Fact]
    public void The_planner_is_pure_it_is_given_no_client_clock_or_logger_and_keeps_no_state()
    {
        var planner = typeof(ServingCertPlanner);
        Type[] io = [typeof(IKubeApiClient), typeof(TimeProvider), typeof(Microsoft.Extensions.Logging.ILogger)];

        Assert.True(planner.IsAbstract && planner.IsSealed, "a static class");
        Assert.Empty(planner.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public));
        Assert.All(planner.GetMethods(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            .SelectMany(m => m.GetParameters()), p => Assert.DoesNotContain(p.ParameterType, io));
    }
}
