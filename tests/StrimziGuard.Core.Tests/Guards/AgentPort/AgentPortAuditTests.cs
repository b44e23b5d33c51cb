using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Options;
using static StrimziGuard.Core.Tests.Guards.AgentPort.AgentPortFixtures;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

public sealed class AgentPortAuditTests
{
    [Fact]
    public void Strimzis_any_namespace_peer_counts_as_a_violation_on_a_cluster_whose_agent_requires_no_client_certificate()
    {
        var kafka = Kafka();
        (kafka.Metadata.Annotations ??= [])[InternalClusterSecurity.Annotation] = """{"encryption":{"type":"strimzi-tls"},"authentication":{"type":"none"}}""";
        var finding = Assert.Single(AgentPortAudit.Find(Snapshot(kafka, StrimziPolicy("other-namespace")), GuardOptions.Default));
        Assert.True(finding.IsViolation);
        Assert.Empty(finding.Weak);
    }

    [Fact]
    public void The_audit_lists_every_existing_policy_that_opens_the_agent_port_and_nothing_else()
    {
        var snapshot = Snapshot(
            StrimziPolicy("other-namespace"),
            Policy("allow-all", "podSelector: {}\ningress: [{}]"),
            Policy("clients", "podSelector: {}\ningress: [{ports: [{port: 9092}]}]"),
            Policy("elsewhere", "podSelector: {}\ningress: [{}]", ns: "apps"),
            Policy("excluded", "podSelector: {}\ningress: [{}]", ns: "kube-system"));
        var withGuard = snapshot.With(AgentPortPlanner.Desired(Kafka(), snapshot, GuardOptions.Default));

        var findings = AgentPortAudit.Find(withGuard, GuardOptions.Default);

        Assert.Equal(["allow-all", "my-cluster-network-policy-kafka"], findings.Select(f => f.Name));
        Assert.True(findings[0].IsViolation);
        Assert.Equal("spec.ingress[0].from", findings[0].Violations.Single().Path.ToString());
        Assert.False(findings[1].IsViolation);
        Assert.Contains("STRIMZI_OPERATOR_NAMESPACE_LABELS", findings[1].Weak.Single().Message);
        Assert.Equal(["my-cluster"], findings[1].Clusters);
    }

    [Fact]
    public void The_guards_own_policies_pass_their_own_check()
    {
        var snapshot = Snapshot(Policy("deny-brokers", "podSelector: {matchLabels: {strimzi.io/pool-name: broker}}"), KafkaPod("my-cluster-controller-3", "controller"));
        var guard = AgentPortPlanner.Desired(Kafka(), snapshot, GuardOptions.Default);
        Assert.Equal(2, guard.Count);
        Assert.Empty(AgentPortAudit.Find(snapshot.With(guard), GuardOptions.Default));
        Assert.All(guard, g => Assert.Empty(AgentPortCheck.Check(g, snapshot, GuardOptions.Default).Violations));
    }
}
