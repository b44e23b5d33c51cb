using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Core.Tests.Guards.CertLifetime;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests;

public sealed class AdmissionDispatcherTests
{
    private static readonly AdmissionDispatcher Dispatcher = new(PolicyCatalog.Default);
    private static readonly WebhookPath ValidateCertLifetime = new(WebhookKind.Validating, GuardIds.CertLifetime);
    private const string Ok = """{"validityDays": 7, "renewalDays": 2}""";

    private static GuardOptions Mode(GuardMode mode) => GuardOptions.Default with { CertLifetime = new CertLifetimeOptions { Mode = mode } };

    private static Decision Review(AdmissionRequest request, GuardOptions? options = null, WebhookPath? webhook = null) =>
        Dispatcher.Review(request, ClusterSnapshot.Empty, options ?? GuardOptions.Default, webhook);

    [Fact]
    public void Enforce_mode_denies_with_403_and_every_violation_in_the_message()
    {
        var decision = Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka()));
        Assert.False(decision.Allowed);
        Assert.Equal(403, decision.Code);
        Assert.Equal(DecisionOutcome.Denied, decision.Outcome);
        Assert.Equal(2, decision.Message!.Split(" | ").Length);
        Assert.StartsWith("denied: spec.clusterCa.validityDays", decision.AuditAnnotations["cert-lifetime.kafka-ca"]);
    }

    [Fact]
    public void Warn_mode_allows_with_a_warning_per_violation()
    {
        var decision = Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka()), Mode(GuardMode.Warn));
        Assert.True(decision.Allowed);
        Assert.Equal(2, decision.Warnings.Count);
        Assert.All(decision.Warnings, w => Assert.True(w.Length <= 120, w));
        Assert.StartsWith("warned:", decision.AuditAnnotations["cert-lifetime.kafka-ca"]);
    }

    [Fact]
    public void Audit_mode_allows_silently_and_records_the_finding()
    {
        var decision = Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka()), Mode(GuardMode.Audit));
        Assert.True(decision.Allowed);
        Assert.Empty(decision.Warnings);
        Assert.StartsWith("audited:", decision.AuditAnnotations["cert-lifetime.kafka-ca"]);
    }

    [Fact]
    public void Off_mode_runs_no_policy_of_the_guard()
    {
        var decision = Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka()), Mode(GuardMode.Off));
        Assert.True(decision.Allowed);
        Assert.Empty(decision.Findings);
    }

    [Fact]
    public void Cluster_operator_is_never_denied_but_warned_and_audited()
    {
        var decision = Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka(), Requests.Operator));
        Assert.True(decision.Allowed);
        Assert.NotEmpty(decision.Warnings);
        Assert.StartsWith("warned-operator:", decision.AuditAnnotations["cert-lifetime.kafka-ca"]);
    }

    [Fact]
    public void The_Entity_Operator_of_a_Kafka_cluster_in_view_is_warned_like_the_operator_not_denied()
    {
        var snapshot = ClusterSnapshot.From([Core.Api.KubeJson.Read<Core.Api.Kafka>(KafkaCaValidityPolicyTests.Kafka(name: "my-cluster"))]);
        var request = Requests.Create(KafkaCaValidityPolicyTests.Kafka(name: "other"), "system:serviceaccount:kafka:my-cluster-entity-operator");
        Assert.True(Dispatcher.Review(request, snapshot, GuardOptions.Default).Allowed);
    }

    [Theory]
    [InlineData("system:serviceaccount:kafka:unknown-cluster-entity-operator")]
    [InlineData("system:serviceaccount:team-a:my-cluster-entity-operator")]
    public void A_service_account_merely_named_like_an_Entity_Operator_gets_no_exemption(string user)
    {
        var snapshot = ClusterSnapshot.From([Core.Api.KubeJson.Read<Core.Api.Kafka>(KafkaCaValidityPolicyTests.Kafka(name: "my-cluster"))]);
        Assert.False(Dispatcher.Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka(name: "other"), user), snapshot, GuardOptions.Default).Allowed);
    }

    [Fact]
    public void Operator_identity_is_configurable()
    {
        var options = GuardOptions.Default with { Operator = new OperatorIdentity { Namespace = "kafka-operator", ServiceAccount = "co" } };
        var asDefault = Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka(), Requests.Operator), options);
        var asConfigured = Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka(), "system:serviceaccount:kafka-operator:co"), options);
        Assert.False(asDefault.Allowed);
        Assert.True(asConfigured.Allowed);
    }

    [Fact]
    public void Update_that_keeps_an_existing_violation_is_allowed_with_a_warning()
    {
        var old = KafkaCaValidityPolicyTests.Kafka(clientsCa: Ok);
        var updated = (JsonObject)old.DeepClone();
        updated["metadata"]!["labels"] = new JsonObject { ["team"] = "payments" };
        var decision = Review(Requests.Update(old, updated));
        Assert.True(decision.Allowed);
        Assert.StartsWith("warned-existing:", decision.AuditAnnotations["cert-lifetime.kafka-ca"]);
    }

    [Fact]
    public void Update_that_worsens_a_violation_is_denied()
    {
        var old = KafkaCaValidityPolicyTests.Kafka("""{"validityDays": 30, "renewalDays": 2}""", Ok);
        var worse = KafkaCaValidityPolicyTests.Kafka("""{"validityDays": 60, "renewalDays": 2}""", Ok);
        Assert.False(Review(Requests.Update(old, worse)).Allowed);
    }

    [Fact]
    public void Update_that_adds_a_new_violation_is_denied_even_when_an_old_one_is_kept()
    {
        var old = KafkaCaValidityPolicyTests.Kafka(clientsCa: Ok);
        var updated = KafkaCaValidityPolicyTests.Kafka();
        var decision = Review(Requests.Update(old, updated));
        Assert.False(decision.Allowed);
        Assert.DoesNotContain("clusterCa", decision.Message);
        Assert.Contains("spec.clientsCa.validityDays", decision.Message);
    }

    [Fact]
    public void Requests_in_excluded_namespaces_are_not_judged()
    {
        var kafka = KafkaCaValidityPolicyTests.Kafka();
        kafka["metadata"]!["namespace"] = "kube-system";
        var decision = Review(Requests.Create(kafka));
        Assert.True(decision.Allowed);
        Assert.Empty(decision.Findings);
    }

    [Fact]
    public void Object_that_does_not_fit_the_schema_is_denied_with_the_field_and_no_exception()
    {
        var kafka = KafkaCaValidityPolicyTests.Kafka("""{"validityDays": "seven"}""");
        var decision = Review(Requests.Create(kafka), webhook: ValidateCertLifetime);
        Assert.False(decision.Allowed);
        Assert.StartsWith("[cert-lifetime] spec.clusterCa.validityDays: wants an integer, not the string \"seven\"; correct the value", decision.Message);
    }

    [Theory]
    [InlineData("""{"clusterCa": {"validityDays": "seven"}}""", "spec.clusterCa.validityDays: wants an integer")]
    [InlineData("\"all of it\"", "spec: wants a mapping of fields, not the string \"all of it\"")]
    public void Object_read_from_the_review_body_that_does_not_fit_is_denied_with_its_field_named_from_the_object(string spec, string expected)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(
            "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"u1\", \"operation\": \"CREATE\", "
            + "\"kind\": {\"group\": \"kafka.strimzi.io\", \"version\": \"v1beta2\", \"kind\": \"Kafka\"}, "
            + "\"resource\": {\"group\": \"kafka.strimzi.io\", \"version\": \"v1beta2\", \"resource\": \"kafkas\"}, \"namespace\": \"kafka\", "
            + "\"userInfo\": {\"username\": \"bob\"}, \"object\": {\"apiVersion\": \"kafka.strimzi.io/v1beta2\", \"kind\": \"Kafka\", "
            + $"\"metadata\": {{\"name\": \"my-cluster\"}}, \"spec\": {spec}}}}}}}");

        var decision = Review(AdmissionReviewCodec.Read(body).Review!.Request!, webhook: ValidateCertLifetime);

        Assert.False(decision.Allowed);
        Assert.StartsWith($"[cert-lifetime] {expected}", decision.Message);
    }

    [Fact]
    public void Policy_that_throws_yields_an_errored_decision_naming_the_policy_not_a_crash()
    {
        var dispatcher = new AdmissionDispatcher(new PolicyCatalog([new ThrowingPolicy()]));
        var decision = dispatcher.Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka()), ClusterSnapshot.Empty, GuardOptions.Default);
        Assert.Equal(DecisionOutcome.Errored, decision.Outcome);
        Assert.Contains("internal error in test.throws", decision.Message);
        Assert.DoesNotContain("   at ", decision.Message);
    }

    [Fact]
    public void Policy_that_throws_never_blocks_the_operator()
    {
        var dispatcher = new AdmissionDispatcher(new PolicyCatalog([new ThrowingPolicy()]));
        var decision = dispatcher.Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka(), Requests.Operator), ClusterSnapshot.Empty, GuardOptions.Default);
        Assert.True(decision.Allowed);
    }

    [Fact]
    public void Combined_review_validates_the_mutated_object()
    {
        var options = GuardOptions.Default with { CertLifetime = new CertLifetimeOptions { FillDefaults = true } };
        var decision = Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka()), options);
        Assert.True(decision.Allowed);
        Assert.Equal(DecisionOutcome.Patched, decision.Outcome);
        Assert.StartsWith("allowed:", decision.AuditAnnotations["cert-lifetime.kafka-ca"]);
        Assert.StartsWith("patched:", decision.AuditAnnotations["cert-lifetime.kafka-ca-defaults"]);
    }

    [Fact]
    public void Mutating_path_alone_patches_without_validating()
    {
        var options = GuardOptions.Default with { CertLifetime = new CertLifetimeOptions { FillDefaults = true } };
        var decision = Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka()), options, new WebhookPath(WebhookKind.Mutating, GuardIds.CertLifetime));
        Assert.Equal(2, decision.Patch.Count);
        Assert.DoesNotContain("cert-lifetime.kafka-ca", decision.AuditAnnotations.Keys);
    }

    [Fact]
    public void Audit_mode_reports_a_mutation_without_applying_it()
    {
        var options = GuardOptions.Default with { CertLifetime = new CertLifetimeOptions { FillDefaults = true, Mode = GuardMode.Audit } };
        var decision = Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka()), options, new WebhookPath(WebhookKind.Mutating, GuardIds.CertLifetime));
        Assert.Empty(decision.Patch);
        Assert.StartsWith("audited: would patch", decision.AuditAnnotations["cert-lifetime.kafka-ca-defaults"]);
    }

    [Fact]
    public void Dry_run_gets_the_same_verdict()
    {
        var real = Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka()));
        var dry = Review(Requests.Create(KafkaCaValidityPolicyTests.Kafka(), dryRun: true));
        Assert.Equal(real.Message, dry.Message);
    }

    [Fact]
    public void Request_for_a_kind_no_policy_reads_is_allowed_without_findings()
    {
        var configMap = JsonNode.Parse("""{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "kafka"}}""")!;
        var request = new AdmissionRequest { Uid = "1", Operation = "CREATE", Resource = new("", "v1", "configmaps"), Object = configMap };
        var decision = Review(request);
        Assert.True(decision.Allowed);
        Assert.Equal("no policy applies", decision.Reason);
    }

    private sealed class ThrowingPolicy : IAdmissionPolicy
    {
        public PolicyMetadata Metadata { get; } = new("test.throws", GuardIds.CertLifetime, WebhookKind.Validating, [StrimziResources.Kafkas])
        {
            Judges = "`Kafka`",
            Rule = "Throws, as a policy with a bug would.",
        };
        public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options) => throw new InvalidOperationException("bug\n   at Somewhere()");
    }
}
