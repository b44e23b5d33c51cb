using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;
using static StrimziGuard.Core.Tests.Guards.AgentPort.AgentPortFixtures;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

/// <summary>
/// NetworkPolicies applied before the Kafka cluster (a GitOps repository's order): in a namespace named in <c>watchNamespaces</c> they are
/// judged against the pods Strimzi will create, outside the watched namespaces they are not judged at all.
/// </summary>
public sealed class AgentPortWatchedNamespaceTests
{
    private static readonly AdmissionDispatcher Dispatcher = new(PolicyCatalog.Default);
    private static readonly GuardOptions Watching = GuardOptions.Default with { WatchNamespaces = ["kafka", "kafka-dev"] };

    /// <summary>No Kafka CR and no pod anywhere: only the namespaces.</summary>
    private static ClusterSnapshot Empty() => ClusterSnapshot.From([Namespace("kafka-dev"), Namespace("apps"), OperatorPod()]);

    [Fact]
    public void An_allow_all_policy_in_a_watched_namespace_without_Kafka_yet_is_denied()
    {
        var decision = Dispatcher.Review(Requests.Create(Policy("allow-all", "podSelector: {}\ningress: [{}]", ns: "kafka-dev")), Empty(), Watching);

        Assert.False(decision.Allowed);
        Assert.Equal("[agent-port] spec.ingress[0].from: every source can reach port 8443 (Kafka Agent) on the Kafka pods of any cluster created in this "
            + "namespace; only the cluster operator may; remove 8443 from this rule or restrict the peer to the operator", decision.Message);
    }

    [Fact]
    public void A_policy_naming_a_cluster_or_a_pool_to_come_is_judged_against_that_clusters_pods()
    {
        var byCluster = Policy("c", "podSelector: {matchLabels: {strimzi.io/cluster: orders}}\ningress: [{ports: [{port: 8443}]}]", ns: "kafka-dev");
        var byPool = Policy("p", "podSelector: {matchExpressions: [{key: strimzi.io/pool-name, operator: In, values: [brokers]}]}\ningress: [{}]", ns: "kafka-dev");

        Assert.Contains("on pods of Kafka cluster orders", Dispatcher.Review(Requests.Create(byCluster), Empty(), Watching).Message);
        Assert.False(Dispatcher.Review(Requests.Create(byPool), Empty(), Watching).Allowed);
    }

    [Fact]
    public void A_policy_that_cannot_select_Kafka_pods_or_keeps_8443_closed_passes_in_a_watched_namespace()
    {
        Assert.True(Dispatcher.Review(Requests.Create(Policy("web", "podSelector: {matchLabels: {app: web}}\ningress: [{}]", ns: "kafka-dev")), Empty(), Watching).Allowed);
        Assert.True(Dispatcher.Review(Requests.Create(Policy("clients", "podSelector: {}\ningress: [{ports: [{port: 9092}]}]", ns: "kafka-dev")), Empty(), Watching).Allowed);
        Assert.True(Dispatcher.Review(Requests.Create(Policy("connect", "podSelector: {matchLabels: {strimzi.io/kind: KafkaConnect}}\ningress: [{}]", ns: "kafka-dev")), Empty(), Watching).Allowed);
    }

    [Fact]
    public void The_same_policy_outside_the_watched_namespaces_is_not_judged()
    {
        // Even with a Kafka cluster in view there: outside watchNamespaces is not the guard's business.
        var snapshot = Snapshot(KafkaPod("my-cluster-broker-0", "broker", ns: "apps"));
        var decision = Dispatcher.Review(Requests.Create(Policy("allow-all", "podSelector: {}\ningress: [{}]", ns: "apps")), snapshot, Watching);

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Findings);
        Assert.Empty(decision.AuditAnnotations);
    }

    [Fact]
    public void With_every_namespace_watched_a_namespace_without_Kafka_is_not_presumed_to_get_one()
    {
        var decision = Dispatcher.Review(Requests.Create(Policy("allow-all", "podSelector: {}\ningress: [{}]", ns: "apps")), Empty(), GuardOptions.Default);
        Assert.True(decision.Allowed);
    }

    [Fact]
    public void Creating_a_Kafka_CR_warns_about_each_existing_policy_that_would_open_its_agent_port_and_the_audit_line_records_them()
    {
        var snapshot = ClusterSnapshot.From(
        [
            Namespace("kafka"), OperatorPod(),
            Policy("allow-all", "podSelector: {}\ningress: [{}]"),
            Policy("clients", "podSelector: {}\ningress: [{ports: [{port: 9092}]}]"),
            StrimziPolicy("namespace-labels"),
        ]);

        var decision = Dispatcher.Review(Requests.Create(Kafka()), snapshot, Watching, new WebhookPath(WebhookKind.Validating, GuardIds.AgentPort));

        Assert.True(decision.Allowed);
        var warning = Assert.Single(decision.Warnings);
        Assert.Equal("[agent-port] NetworkPolicy allow-all opens port 8443 (Kafka Agent) beyond the operator", warning);
        Assert.Contains("allow-all (spec.ingress[0].from)", decision.AuditAnnotations["agent-port.kafka-arrival"]);
        Assert.DoesNotContain("clients", decision.AuditAnnotations["agent-port.kafka-arrival"]);
    }

    [Fact]
    public void A_Kafka_CR_whose_agent_takes_clients_without_certificates_is_warned_about_the_any_namespace_operator_peer_already_there()
    {
        var snapshot = ClusterSnapshot.From([Namespace("kafka"), OperatorPod(), StrimziPolicy("other-namespace")]);
        var kafka = Kafka();
        (kafka.Metadata.Annotations ??= [])[InternalClusterSecurity.Annotation] = """{"authentication":{"type":"none"}}""";
        var webhook = new WebhookPath(WebhookKind.Validating, GuardIds.AgentPort);

        Assert.Empty(Dispatcher.Review(Requests.Create(Kafka()), snapshot, Watching, webhook).Warnings);
        var warning = Assert.Single(Dispatcher.Review(Requests.Create(kafka), snapshot, Watching, webhook).Warnings);
        Assert.Equal("[agent-port] NetworkPolicy my-cluster-network-policy-kafka opens port 8443 (Kafka Agent) beyond the operator", warning);
    }

    [Fact]
    public void Creating_a_Kafka_CR_where_no_policy_opens_8443_says_so_without_a_warning()
    {
        var decision = Dispatcher.Review(Requests.Create(Kafka()), ClusterSnapshot.From([Namespace("kafka")]), Watching, new WebhookPath(WebhookKind.Validating, GuardIds.AgentPort));
        Assert.True(decision.Allowed);
        Assert.Empty(decision.Warnings);
        Assert.Empty(decision.Findings);
    }
}
