using System.Net;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Network;
using StrimziGuard.Core.Options;
using static StrimziGuard.Core.Tests.Guards.AgentPort.AgentPortFixtures;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

public sealed class AgentPortPeerTests
{
    private static readonly OperatorIdentity Operator = new() { Namespace = "strimzi" };
    private static readonly IReadOnlyDictionary<string, string> OperatorNamespace = Labels(("kubernetes.io/metadata.name", "strimzi"), ("team", "platform"));
    private static readonly Dictionary<string, string> OperatorLabels = Labels(("strimzi.io/kind", "cluster-operator"), ("name", "strimzi-cluster-operator"));

    private static readonly TrafficSource TheOperator = TrafficSource.Pod("strimzi", OperatorLabels, Labels(("team", "platform")));
    private static readonly TrafficSource FakeOperatorInApps = TrafficSource.Pod("apps", OperatorLabels);
    private static readonly TrafficSource FakeOperatorInKafka = TrafficSource.Pod("kafka", OperatorLabels);
    private static readonly TrafficSource ClientInKafka = TrafficSource.Pod("kafka", Labels(("app", "client")), address: IPAddress.Parse("10.0.1.7"));
    private static readonly TrafficSource Internet = TrafficSource.External(IPAddress.Parse("203.0.113.9"));

    public static TheoryData<string, string, bool> PeerCases => new()
    {
        // ipBlock matches addresses only, honouring except.
        { "ipBlock: {cidr: 0.0.0.0/0}", nameof(Internet), true },
        { "ipBlock: {cidr: 0.0.0.0/0}", nameof(TheOperator), false },
        { "ipBlock: {cidr: 10.0.0.0/8}", nameof(ClientInKafka), true },
        { "ipBlock: {cidr: 10.0.0.0/8, except: [10.0.1.0/24]}", nameof(ClientInKafka), false },
        { "ipBlock: {cidr: '::/0'}", nameof(Internet), false },
        // No namespaceSelector: the policy's own namespace (kafka). {}: every namespace.
        { "podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}", nameof(TheOperator), false },
        { "podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}", nameof(FakeOperatorInKafka), true },
        { "{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}, namespaceSelector: {}}", nameof(FakeOperatorInApps), true },
        { "{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}, namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: strimzi}}}", nameof(TheOperator), true },
        { "{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}, namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: strimzi}}}", nameof(FakeOperatorInApps), false },
        { "namespaceSelector: {matchLabels: {team: platform}}", nameof(TheOperator), true },
        { "namespaceSelector: {}", nameof(ClientInKafka), true },
        { "namespaceSelector: {}", nameof(Internet), false },
        { "podSelector: {}", nameof(ClientInKafka), true },
        { "podSelector: {}", nameof(FakeOperatorInApps), false },
        { "{}", nameof(ClientInKafka), false },
    };

    [Theory]
    [MemberData(nameof(PeerCases))]
    public void A_peer_admits_a_source_as_Kubernetes_does(string peer, string source, bool admits) =>
        Assert.Equal(admits, PeerMatch.Admits(Yaml<V1NetworkPolicyPeer>(peer), "kafka", Source(source)));

    [Theory]
    [InlineData("{}")]
    [InlineData("from: []")]
    public void A_rule_without_sources_admits_every_source(string rule)
    {
        var r = Yaml<V1NetworkPolicyIngressRule>(rule);
        Assert.All([TheOperator, FakeOperatorInApps, ClientInKafka, Internet], s => Assert.True(PeerMatch.Admits(r, "kafka", s)));
    }

    [Theory]
    [InlineData("kafka", "{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}}", PeerTrust.NotOperator, OperatorNamespacePin.Elsewhere)]
    [InlineData("strimzi", "{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}}", PeerTrust.Operator, OperatorNamespacePin.SameNamespace)]
    [InlineData("kafka", "{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}, namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: strimzi}}}", PeerTrust.Operator, OperatorNamespacePin.ByName)]
    [InlineData("kafka", "{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}, namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: apps}}}", PeerTrust.NotOperator, OperatorNamespacePin.Elsewhere)]
    [InlineData("kafka", "{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}, namespaceSelector: {}}", PeerTrust.OperatorLabelsUnpinned, OperatorNamespacePin.AnyNamespace)]
    [InlineData("kafka", "{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}, namespaceSelector: {matchLabels: {team: platform}}}", PeerTrust.OperatorLabelsUnpinned, OperatorNamespacePin.Loose)]
    [InlineData("kafka", "{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}, namespaceSelector: {matchLabels: {team: apps}}}", PeerTrust.NotOperator, OperatorNamespacePin.Elsewhere)]
    [InlineData("kafka", "{podSelector: {matchLabels: {app: client}}, namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: strimzi}}}", PeerTrust.NotOperator, OperatorNamespacePin.NotOperatorLabels)]
    [InlineData("kafka", "{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: strimzi}}}", PeerTrust.NotOperator, OperatorNamespacePin.NotOperatorLabels)]
    [InlineData("kafka", "{ipBlock: {cidr: 10.0.0.0/8}}", PeerTrust.NotOperator, OperatorNamespacePin.NotOperatorLabels)]
    public void A_peer_is_the_operator_only_with_its_pod_labels_pinned_to_its_namespace(string policyNs, string peer, Enum trust, Enum pin)
    {
        var c = PeerClassifier.Classify(Yaml<V1NetworkPolicyPeer>(peer), policyNs, Operator, OperatorNamespace);
        Assert.Equal<(Enum, Enum)>((trust, pin), (c.Trust, c.Pin));
    }

    [Fact]
    public void Configured_operator_namespace_labels_pin_the_namespace()
    {
        var op = Operator with { NamespaceLabels = Labels(("team", "platform")) };
        var peer = Yaml<V1NetworkPolicyPeer>("{podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}, namespaceSelector: {matchLabels: {team: platform}}}");
        var c = PeerClassifier.Classify(peer, "kafka", op, OperatorNamespace);
        Assert.Equal((PeerTrust.Operator, OperatorNamespacePin.ByConfiguredLabels), (c.Trust, c.Pin));
    }

    [Theory]
    [InlineData("{ipBlock: {cidr: 0.0.0.0/0}}", PeerShape.IpBlock, "ipBlock 0.0.0.0/0")]
    [InlineData("{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}", PeerShape.IpBlock, "ipBlock 10.0.0.0/8 except 10.1.0.0/16")]
    [InlineData("{namespaceSelector: {matchLabels: {team: apps}}}", PeerShape.NamespaceOnly, "namespaceSelector {team=apps} (every pod in those namespaces)")]
    [InlineData("{podSelector: {matchLabels: {app: client}}}", PeerShape.PodInPolicyNamespace, "podSelector {app=client}")]
    [InlineData("{podSelector: {}, namespaceSelector: {}}", PeerShape.PodInSelectedNamespaces, "podSelector {} with namespaceSelector {}")]
    public void A_peer_is_described_in_the_words_of_its_YAML(string peer, Enum shape, string description)
    {
        var c = PeerClassifier.Classify(Yaml<V1NetworkPolicyPeer>(peer), "kafka", Operator, OperatorNamespace);
        Assert.Equal<(Enum, string)>((shape, description), (c.Shape, c.Description));
    }

    [Theory]
    [InlineData("podSelector: {}", true)]
    [InlineData("{}", true)]
    [InlineData("{podSelector: {}, policyTypes: []}", true)]
    [InlineData("{podSelector: {}, policyTypes: [Ingress]}", true)]
    [InlineData("{podSelector: {}, policyTypes: [Ingress, Egress]}", true)]
    [InlineData("{podSelector: {}, policyTypes: [Egress]}", false)]
    [InlineData("{podSelector: {}, egress: [{}]}", true)]
    [InlineData("podSelector: {matchLabels: {strimzi.io/kind: Kafka}}", true)]
    [InlineData("podSelector: {matchLabels: {strimzi.io/kind: KafkaConnect}}", false)]
    public void A_policy_selects_a_Kafka_pod_for_ingress_by_selector_and_policy_types(string spec, bool selects) =>
        Assert.Equal(selects, IngressSelection.Selects(Policy("p", spec), PodEndpoint.From(Broker0())));

    [Fact]
    public void A_policy_in_another_namespace_never_selects_the_pod() =>
        Assert.False(IngressSelection.Selects(Policy("p", "podSelector: {}", ns: "apps"), PodEndpoint.From(Broker0())));

    private static TrafficSource Source(string name) => name switch
    {
        nameof(TheOperator) => TheOperator,
        nameof(FakeOperatorInApps) => FakeOperatorInApps,
        nameof(FakeOperatorInKafka) => FakeOperatorInKafka,
        nameof(ClientInKafka) => ClientInKafka,
        _ => Internet,
    };

    [Fact]
    public void The_operator_namespace_labels_are_made_once_per_snapshot_and_follow_the_operator_identity()
    {
        var snapshot = StrimziGuard.Core.Snapshots.ClusterSnapshot.From([Namespace("strimzi", ("team", "platform"))]);
        var elsewhere = Operator with { Namespace = "operators", NamespaceLabels = Labels(("tier", "ops")) };

        var first = PeerClassifier.OperatorNamespaceLabels(snapshot, Operator);

        Assert.Same(first, PeerClassifier.OperatorNamespaceLabels(snapshot, Operator));
        Assert.Equal(OperatorNamespace.OrderBy(p => p.Key), first.OrderBy(p => p.Key));
        Assert.Equal(Labels(("tier", "ops"), ("kubernetes.io/metadata.name", "operators")).OrderBy(p => p.Key),
            PeerClassifier.OperatorNamespaceLabels(snapshot, elsewhere).OrderBy(p => p.Key));
        Assert.Equal(Labels(("kubernetes.io/metadata.name", "strimzi")), PeerClassifier.OperatorNamespaceLabels(StrimziGuard.Core.Snapshots.ClusterSnapshot.Empty, Operator));
    }
}
