using StrimziGuard.Core.Api;
using StrimziGuard.Core.Network;
using static StrimziGuard.Core.Tests.Guards.AgentPort.AgentPortFixtures;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

public sealed class AgentPortPortMatchTests
{
    private static readonly IReadOnlyList<V1ContainerPort> KafkaPorts = PortMatch.Of(Broker0());

    [Theory]
    [InlineData("{}", 8443, "TCP", true)]
    [InlineData("{}", 53, "UDP", true)]
    [InlineData("ports: []", 8443, "TCP", true)]
    [InlineData("ports: [{port: 8443}]", 8443, "TCP", true)]
    [InlineData("ports: [{port: 8443}]", 8443, "UDP", false)]
    [InlineData("ports: [{port: 8443, protocol: TCP}]", 8443, "TCP", true)]
    [InlineData("ports: [{port: 8443, protocol: UDP}]", 8443, "TCP", false)]
    [InlineData("ports: [{port: 8443, protocol: SCTP}]", 8443, "SCTP", true)]
    [InlineData("ports: [{port: 9092}]", 8443, "TCP", false)]
    [InlineData("ports: [{port: 9092}, {port: 8443}]", 8443, "TCP", true)]
    [InlineData("ports: [{protocol: TCP}]", 8443, "TCP", true)]
    [InlineData("ports: [{protocol: UDP}]", 8443, "TCP", false)]
    [InlineData("ports: [{protocol: UDP}]", 8443, "UDP", true)]
    [InlineData("ports: [{port: 8000, endPort: 9000}]", 8443, "TCP", true)]
    [InlineData("ports: [{port: 8000, endPort: 9000}]", 8000, "TCP", true)]
    [InlineData("ports: [{port: 8000, endPort: 9000}]", 9000, "TCP", true)]
    [InlineData("ports: [{port: 8000, endPort: 9000}]", 9001, "TCP", false)]
    [InlineData("ports: [{port: 8000, endPort: 9000}]", 7999, "TCP", false)]
    [InlineData("ports: [{port: 8444, endPort: 65535}]", 8443, "TCP", false)]
    [InlineData("ports: [{port: 1, endPort: 8442}]", 8443, "TCP", false)]
    [InlineData("ports: [{port: 1, endPort: 8442}]", 8442, "TCP", true)]
    [InlineData("ports: [{port: 9000, endPort: 8000}]", 8443, "TCP", false)]
    [InlineData("ports: [{port: 9000, endPort: 8000}]", 9000, "TCP", true)]
    [InlineData("ports: [{port: tcp-kafkaagent}]", 8443, "TCP", true)]
    [InlineData("ports: [{port: tcp-kafkaagent, protocol: TCP}]", 8443, "TCP", true)]
    [InlineData("ports: [{port: tcp-kafkaagent, protocol: UDP}]", 8443, "UDP", false)]
    [InlineData("ports: [{port: tcp-kafkaagent}]", 9091, "TCP", false)]
    [InlineData("ports: [{port: tcp-replication}]", 9091, "TCP", true)]
    [InlineData("ports: [{port: tcp-replication}]", 8443, "TCP", false)]
    [InlineData("ports: [{port: no-such-port}]", 8443, "TCP", false)]
    public void A_rule_admits_a_port_on_a_Kafka_pod_as_Kubernetes_does(string rule, int port, string protocol, bool admits) =>
        Assert.Equal(admits, PortMatch.Admits(Yaml<V1NetworkPolicyIngressRule>(rule), port, protocol, KafkaPorts));

    [Fact]
    public void A_named_port_resolves_against_the_protocol_of_the_container_port()
    {
        IReadOnlyList<V1ContainerPort> ports = [new() { Name = "dns", ContainerPort = 53, Protocol = "UDP" }, new() { Name = "web", ContainerPort = 80 }];
        Assert.True(PortMatch.Admits(Yaml<V1NetworkPolicyIngressRule>("ports: [{port: dns, protocol: UDP}]"), 53, "UDP", ports));
        Assert.False(PortMatch.Admits(Yaml<V1NetworkPolicyIngressRule>("ports: [{port: dns}]"), 53, "TCP", ports));
        Assert.True(PortMatch.Admits(Yaml<V1NetworkPolicyIngressRule>("ports: [{port: web}]"), 80, "TCP", ports));
    }

    [Fact]
    public void The_broker_fixture_serves_the_agent_on_its_named_port() =>
        Assert.Contains(KafkaPorts, p => p.Name == KafkaAgent.PortName && p.ContainerPort == KafkaAgent.Port);
}
