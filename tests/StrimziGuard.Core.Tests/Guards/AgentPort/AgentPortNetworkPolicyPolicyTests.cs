using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Testing;
using static StrimziGuard.Core.Tests.Guards.AgentPort.AgentPortFixtures;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

public sealed class AgentPortNetworkPolicyPolicyTests
{
    private static readonly AdmissionDispatcher Dispatcher = new(PolicyCatalog.Default);
    private static readonly GuardOptions Options = GuardOptions.Default;

    [Fact]
    public void The_documented_message_names_the_rule_the_peer_and_the_port()
    {
        var policy = Policy("open-agent", """
            podSelector: {matchLabels: {strimzi.io/kind: Kafka}}
            ingress:
              - ports: [{port: 9092}]
              - ports: [{port: 8443}]
                from: [{ipBlock: {cidr: 0.0.0.0/0}}]
            """);
        var decision = Review(policy);
        Assert.False(decision.Allowed);
        Assert.Equal(
            "[agent-port] spec.ingress[1].from[0]: ipBlock 0.0.0.0/0 can reach port 8443 (Kafka Agent) on pods of Kafka cluster my-cluster; "
            + "only the cluster operator may; remove 8443 from this rule or restrict the peer to the operator",
            decision.Message);
    }

    [Fact]
    public void An_empty_from_on_8443_is_denied_at_the_from_field()
    {
        var decision = Review(Policy("empty-from", """
            podSelector: {}
            ingress: [{ports: [{port: 8443}]}]
            """));
        Assert.False(decision.Allowed);
        Assert.StartsWith("[agent-port] spec.ingress[0].from: every source can reach port 8443 (Kafka Agent) on pods of Kafka cluster my-cluster;", decision.Message);
    }

    /// <summary>strimzi-facts scenario 19: every way a user policy can open the agent port.</summary>
    public static TheoryData<string, string> Scenario19 => new()
    {
        { "ports: [{port: 8443}]\n  from: []", "spec.ingress[0].from: every source" },
        { "ports: [{port: 8000, endPort: 9000}]\n  from: [{namespaceSelector: {}}]", "spec.ingress[0].from[0]: namespaceSelector {} (every pod in every namespace)" },
        { "ports: [{port: tcp-kafkaagent}]\n  from: [{podSelector: {matchLabels: {app: client}}}]", "spec.ingress[0].from[0]: podSelector {app=client}" },
        { "from: [{ipBlock: {cidr: 10.0.0.0/8}}]", "spec.ingress[0].from[0]: ipBlock 10.0.0.0/8" },
        { "ports: [{port: 8443}]\n  from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: strimzi}}}]", "spec.ingress[0].from[0]: namespaceSelector {kubernetes.io/metadata.name=strimzi} (every pod in those namespaces)" },
        { "ports: [{port: 8443}]\n  from: [{podSelector: {matchLabels: {name: strimzi-cluster-operator}}, namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: strimzi}}}]", "spec.ingress[0].from[0]: podSelector {name=strimzi-cluster-operator} with namespaceSelector {kubernetes.io/metadata.name=strimzi}" },
        { "ports: [{protocol: TCP}]\n  from: [{podSelector: {}}]", "spec.ingress[0].from[0]: podSelector {}" },
    };

    [Theory]
    [MemberData(nameof(Scenario19))]
    public void A_user_policy_opening_8443_on_Kafka_pods_is_denied(string rule, string expected)
    {
        var decision = Review(Policy("user", $"podSelector: {{matchLabels: {{strimzi.io/cluster: my-cluster}}}}\ningress:\n- {rule}"));
        Assert.False(decision.Allowed);
        Assert.StartsWith($"[agent-port] {expected} can reach port 8443 (Kafka Agent)", decision.Message);
    }

    [Theory]
    [MemberData(nameof(Scenario19))]
    public void The_same_policy_is_allowed_when_it_selects_no_Kafka_pods(string rule, string expected)
    {
        _ = expected;
        var decision = Review(Policy("user", $"podSelector: {{matchLabels: {{app: web}}}}\ningress:\n- {rule}"));
        Assert.True(decision.Allowed);
        Assert.Empty(decision.Warnings);
    }

    [Fact]
    public void A_policy_selecting_only_by_pool_is_judged_against_the_live_pods()
    {
        var decision = Review(Policy("brokers", "podSelector: {matchLabels: {strimzi.io/pool-name: broker}}\ningress: [{}]"));
        Assert.False(decision.Allowed);
    }

    [Fact]
    public void A_policy_is_judged_against_the_canonical_labels_before_the_pods_exist()
    {
        var snapshot = ClusterSnapshot.From([Kafka()]);
        var decision = Dispatcher.Review(Requests.Create(Policy("p", "podSelector: {matchLabels: {strimzi.io/name: my-cluster-kafka}}\ningress: [{ports: [{port: tcp-kafkaagent}]}]")), snapshot, Options);
        Assert.False(decision.Allowed);
    }

    [Fact]
    public void Ports_other_than_8443_and_egress_only_policies_pass()
    {
        Assert.True(Review(Policy("clients", "podSelector: {}\ningress: [{ports: [{port: 9092}, {port: 8444, endPort: 9000}, {port: 8443, protocol: UDP}]}]")).Allowed);
        Assert.True(Review(Policy("egress", "podSelector: {}\npolicyTypes: [Egress]\ningress: [{}]")).Allowed);
    }

    [Fact]
    public void Every_offending_peer_is_reported()
    {
        var decision = Review(Policy("many", """
            podSelector: {}
            ingress:
              - from: [{ipBlock: {cidr: 10.0.0.0/8}}, {podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}, namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: strimzi}}}, {namespaceSelector: {}}]
              - ports: [{port: 8443}]
            """));
        Assert.Equal(3, decision.Message!.Split(" | ").Length);
        Assert.Contains("spec.ingress[0].from[0]:", decision.Message);
        Assert.Contains("spec.ingress[0].from[2]:", decision.Message);
        Assert.Contains("spec.ingress[1].from:", decision.Message);
    }

    [Theory]
    [InlineData("namespace-labels")]
    [InlineData("other-namespace")]
    public void Strimzis_own_policy_passes(string variant)
    {
        var decision = Review(StrimziPolicy(variant));
        Assert.True(decision.Allowed, decision.Message);
    }

    [Fact]
    public void Strimzis_same_namespace_policy_passes_when_the_operator_runs_beside_Kafka()
    {
        var options = Options with { Operator = new OperatorIdentity { Namespace = "kafka" } };
        var decision = Dispatcher.Review(Requests.Create(StrimziPolicy("same-namespace")), Snapshot(), options);
        Assert.True(decision.Allowed, decision.Message);
        Assert.Empty(decision.Warnings);
    }

    [Fact]
    public void Strimzis_same_namespace_peer_is_not_the_operator_when_the_operator_runs_elsewhere()
    {
        var decision = Review(StrimziPolicy("same-namespace"));
        Assert.False(decision.Allowed);
        Assert.Contains("spec.ingress[2].from[0]: podSelector {strimzi.io/kind=cluster-operator} (not the operator's namespace strimzi)", decision.Message);
    }

    [Fact]
    public void Strimzis_any_namespace_operator_peer_gets_a_warning_with_the_fix()
    {
        var decision = Review(StrimziPolicy("other-namespace"));
        var warning = Assert.Single(decision.Warnings);
        Assert.Equal("[agent-port] spec.ingress[2].from[0]: operator peer admits any namespace; set STRIMZI_OPERATOR_NAMESPACE_LABELS", warning);
        Assert.True(warning.Length <= 120);
        Assert.Empty(Review(StrimziPolicy("namespace-labels")).Warnings);
    }

    [Fact]
    public void The_operators_own_write_of_a_bad_policy_is_only_warned()
    {
        var policy = Policy("p", "podSelector: {}\ningress: [{}]");
        var decision = Dispatcher.Review(Requests.Create(policy, Requests.Operator), Snapshot(), Options);
        Assert.True(decision.Allowed);
        Assert.NotEmpty(decision.Warnings);
    }

    [Fact]
    public void In_warn_mode_a_bad_policy_is_allowed_with_the_violation_as_a_warning()
    {
        var options = Options with { AgentPort = new AgentPortOptions { Mode = GuardMode.Warn } };
        var decision = Dispatcher.Review(Requests.Create(Policy("p", "podSelector: {}\ningress: [{}]")), Snapshot(), options);
        Assert.True(decision.Allowed);
        Assert.StartsWith("[agent-port] spec.ingress[0].from: every source", Assert.Single(decision.Warnings));
    }

    [Fact]
    public void An_update_that_keeps_an_open_agent_port_is_still_denied()
    {
        var old = Policy("p", "podSelector: {}\ningress: [{}]");
        var updated = Policy("p", "podSelector: {}\ningress: [{}, {ports: [{port: 9092}]}]");
        Assert.False(Dispatcher.Review(Requests.Update(old, updated), Snapshot(), Options).Allowed);
    }

    [Fact]
    public void A_namespace_without_Kafka_is_not_judged() =>
        Assert.True(Review(Policy("p", "podSelector: {}\ningress: [{}]", ns: "apps")).Allowed);

    private const string NoClientAuthentication = """{"encryption":{"type":"strimzi-tls"},"authentication":{"type":"none"}}""";

    private static Kafka KafkaWithSecurity(string value)
    {
        var kafka = Kafka();
        (kafka.Metadata.Annotations ??= [])[InternalClusterSecurity.Annotation] = value;
        return kafka;
    }

    [Fact]
    public void Without_client_certificates_on_the_agent_the_any_namespace_operator_peer_is_denied_with_the_fix()
    {
        var snapshot = Snapshot(KafkaWithSecurity(NoClientAuthentication));
        var decision = Dispatcher.Review(Requests.Create(StrimziPolicy("other-namespace")), snapshot, Options);
        Assert.False(decision.Allowed);
        Assert.StartsWith("[agent-port] spec.ingress[2].from[0]: podSelector {strimzi.io/kind=cluster-operator} with namespaceSelector", decision.Message);
        Assert.EndsWith(
            "reach port 8443 (Kafka Agent) on pods of Kafka cluster my-cluster from any namespace, and that agent does not require client certificates "
            + "(strimzi.io/internal-cluster-security without authentication), so this NetworkPolicy is its only gate; set STRIMZI_OPERATOR_NAMESPACE_LABELS "
            + "on the cluster operator (e.g. kubernetes.io/metadata.name=strimzi) so Strimzi pins its namespace, or select the operator's namespace by "
            + "kubernetes.io/metadata.name: strimzi",
            decision.Message);
    }

    /// <summary>The operator re-applies its own policy on every reconciliation: never denied (architecture §1), the finding stays a warning.</summary>
    [Fact]
    public void The_operators_own_write_of_that_policy_is_warned_not_denied()
    {
        var snapshot = Snapshot(KafkaWithSecurity(NoClientAuthentication));
        var decision = Dispatcher.Review(Requests.Create(StrimziPolicy("other-namespace"), Requests.Operator), snapshot, Options);
        Assert.True(decision.Allowed);
        Assert.Contains("[agent-port] spec.ingress[2].from[0]: agent lacks mTLS, any namespace admitted; set STRIMZI_OPERATOR_NAMESPACE_LABELS",
            decision.Warnings);
        Assert.All(decision.Warnings, w => Assert.True(w.Length <= 120));
    }

    [Theory]
    [InlineData("""{"encryption":{"type":"none"},"authentication":{"type":"none"}}""", false)]
    [InlineData("""{"encryption":{"type":"strimzi-tls"},"authentication":{"type":"strimzi-mtls"}}""", true)]
    [InlineData("not json", true)]
    [InlineData("""["authentication","none"]""", true)]
    public void Only_an_agent_without_client_authentication_turns_the_warning_into_a_denial(string annotation, bool allowed)
    {
        var decision = Dispatcher.Review(Requests.Create(StrimziPolicy("other-namespace")), Snapshot(KafkaWithSecurity(annotation)), Options);
        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void Without_client_certificates_an_operator_peer_pinned_by_namespace_labels_still_passes() =>
        Assert.True(Dispatcher.Review(Requests.Create(StrimziPolicy("namespace-labels")), Snapshot(KafkaWithSecurity(NoClientAuthentication)), Options).Allowed);

    [Fact]
    public void On_random_policies_a_review_body_is_judged_as_the_whole_policy_is()
    {
        // From a review's bytes the policy skips the peers of rules whose ports cannot admit 8443; from a tree it reads every peer.
        var rng = new Random(41);
        var snapshot = Snapshot();
        var denied = 0;
        for (var i = 0; i < 1500; i++)
        {
            var policy = RandomPolicy(rng);
            var fromTree = Dispatcher.Review(Requests.Create(policy.DeepClone()), snapshot, Options);
            var fromBody = Dispatcher.Review(AdmissionReviewCodec.Read(ReviewBody(policy)).Review!.Request!, snapshot, Options);
            Assert.True(Describe(fromTree) == Describe(fromBody), policy.ToJsonString());
            denied += fromTree.Allowed ? 0 : 1;
        }
        Assert.InRange(denied, 200, 1300);
    }

    private static System.Text.Json.Nodes.JsonObject RandomPolicy(Random rng)
    {
        string[] ports = ["{port: 8443}", "{port: 9091}", "{port: 9090, protocol: TCP}", "{port: tcp-kafkaagent}", "{port: 8000, endPort: 9000}",
            "{port: 9000, endPort: 8000}", "{port: 8443, protocol: UDP}", "{protocol: TCP}"];
        string[] peers = ["{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}, namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: strimzi}}}",
            "{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}, namespaceSelector: {}}", "{ipBlock: {cidr: 10.0.0.0/8}}",
            "{namespaceSelector: {}}", "{podSelector: {matchLabels: {app: client}}}", "{podSelector: {}}"];
        var rules = new List<string>();
        for (var r = rng.Next(0, 5); r > 0; r--)
        {
            var rulePorts = rng.Next(6) == 0 ? null : string.Join(", ", Enumerable.Range(0, rng.Next(0, 3)).Select(_ => ports[rng.Next(ports.Length)]));
            var rulePeers = rng.Next(5) == 0 ? null : string.Join(", ", Enumerable.Range(0, rng.Next(0, 3)).Select(_ => peers[rng.Next(peers.Length)]));
            // Ports first, as the API server writes a rule; sometimes the other way round, as a person might.
            string?[] fields = [rulePorts is null ? null : $"ports: [{rulePorts}]", rulePeers is null ? null : $"from: [{rulePeers}]"];
            if (rng.Next(4) == 0) Array.Reverse(fields);
            rules.Add("{" + string.Join(", ", fields.Where(f => f is not null)) + "}");
        }
        var selector = rng.Next(3) == 0 ? "{}" : "{matchLabels: {strimzi.io/cluster: my-cluster}}";
        // Parsed as written (a model would print every rule's fields in its own order).
        return (System.Text.Json.Nodes.JsonObject)YamlDocuments.Parse("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
            + $"metadata: {{name: random, namespace: {Ns}}}\nspec:\n  podSelector: {selector}\n  ingress: [{string.Join(", ", rules)}]").Single()!;
    }

    private static byte[] ReviewBody(System.Text.Json.Nodes.JsonObject policy) => System.Text.Encoding.UTF8.GetBytes(
        "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"u1\", \"operation\": \"CREATE\", "
        + "\"kind\": {\"group\": \"networking.k8s.io\", \"version\": \"v1\", \"kind\": \"NetworkPolicy\"}, "
        + "\"resource\": {\"group\": \"networking.k8s.io\", \"version\": \"v1\", \"resource\": \"networkpolicies\"}, "
        + $"\"name\": \"random\", \"namespace\": \"{Ns}\", \"userInfo\": {{\"username\": \"{Requests.User}\"}}, \"object\": {policy.ToJsonString()}}}}}");

    private static string Describe(Decision d) =>
        $"{d.Allowed}|{d.Message}|{string.Join(";", d.Warnings)}|{string.Join(";", d.Findings.Select(f => $"{f.PolicyId}:{f.Outcome}:{f.Reason}"))}";

    private static Decision Review(V1NetworkPolicy policy) => Dispatcher.Review(Requests.Create(policy), Snapshot(), Options);
}
