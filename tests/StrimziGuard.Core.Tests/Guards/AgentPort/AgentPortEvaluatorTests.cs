using System.Net;
using StrimziGuard.Core.Network;
using static StrimziGuard.Core.Tests.Guards.AgentPort.AgentPortFixtures;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

public sealed class AgentPortEvaluatorTests
{
    private static readonly PodEndpoint Broker = PodEndpoint.From(Broker0());
    private static readonly TrafficSource Operator = TrafficSource.Pod("strimzi", Labels(("strimzi.io/kind", "cluster-operator")));
    private static readonly TrafficSource Client = TrafficSource.Pod("apps", Labels(("app", "client")));
    private static readonly TrafficSource Internet = TrafficSource.External(IPAddress.Parse("203.0.113.9"));

    [Fact]
    public void A_pod_no_policy_selects_accepts_everything() =>
        Assert.True(NetworkPolicyEvaluator.Admits([Policy("other", "podSelector: {matchLabels: {app: web}}")], Internet, Broker, 8443, "TCP"));

    [Fact]
    public void A_policy_selecting_the_pod_with_no_rules_cuts_everything() =>
        Assert.False(NetworkPolicyEvaluator.Admits([Policy("deny", "podSelector: {}")], Operator, Broker, 9091, "TCP"));

    [Fact]
    public void An_egress_only_policy_leaves_ingress_open() =>
        Assert.True(NetworkPolicyEvaluator.Admits([Policy("egress", "{podSelector: {}, policyTypes: [Egress]}")], Internet, Broker, 8443, "TCP"));

    [Fact]
    public void Policies_add_up_so_a_second_policy_cannot_take_away_what_the_first_allows()
    {
        var strimzi = StrimziPolicy("other-namespace");
        var lockdown = Policy("lockdown", "podSelector: {}");
        Assert.True(NetworkPolicyEvaluator.Admits([strimzi, lockdown], Client, Broker, 9092, "TCP"));
        Assert.False(NetworkPolicyEvaluator.Admits([strimzi, lockdown], Client, Broker, 9091, "TCP"));
    }

    [Fact]
    public void Strimzis_any_namespace_peer_lets_an_operator_labelled_pod_anywhere_reach_the_agent()
    {
        var impostor = TrafficSource.Pod("apps", Labels(("strimzi.io/kind", "cluster-operator")));
        Assert.True(NetworkPolicyEvaluator.Admits([StrimziPolicy("other-namespace")], impostor, Broker, 8443, "TCP"));
        Assert.False(NetworkPolicyEvaluator.Admits([StrimziPolicy("namespace-labels")], impostor, Broker, 8443, "TCP"));
        Assert.True(NetworkPolicyEvaluator.Admits([StrimziPolicy("namespace-labels")], Operator, Broker, 8443, "TCP"));
    }

    [Fact]
    public void A_rule_admits_only_when_both_its_ports_and_its_sources_match()
    {
        var policy = Policy("p", """
            podSelector: {}
            ingress:
              - ports: [{port: 9092}]
                from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: apps}}}]
              - ports: [{port: tcp-kafkaagent}]
                from: [{ipBlock: {cidr: 10.0.0.0/8}}]
            """);
        Assert.True(NetworkPolicyEvaluator.Admits([policy], Client, Broker, 9092, "TCP"));
        Assert.False(NetworkPolicyEvaluator.Admits([policy], Client, Broker, 8443, "TCP"));
        Assert.True(NetworkPolicyEvaluator.Admits([policy], TrafficSource.External(IPAddress.Parse("10.2.3.4")), Broker, 8443, "TCP"));
        Assert.False(NetworkPolicyEvaluator.Admits([policy], TrafficSource.External(IPAddress.Parse("10.2.3.4")), Broker, 9092, "TCP"));
    }
}
