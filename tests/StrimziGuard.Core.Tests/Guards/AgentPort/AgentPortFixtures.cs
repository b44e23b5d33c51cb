using StrimziGuard.Core.Api;
using StrimziGuard.Core.Network;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

/// <summary>Objects for the agent-port tests: YAML snippets, the Strimzi fixtures, and the usual cluster (my-cluster in namespace kafka).</summary>
internal static class AgentPortFixtures
{
    public const string Ns = "kafka";
    public const string Cluster = "my-cluster";

    public static T Yaml<T>(string yaml) => KubeJson.Read<T>(YamlDocuments.Parse(yaml).Single()!);

    public static V1LabelSelector Selector(string yaml) => Yaml<V1LabelSelector>(yaml);

    /// <summary>A NetworkPolicy in <see cref="Ns"/> with this spec (YAML, indented as the body of <c>spec:</c>).</summary>
    public static V1NetworkPolicy Policy(string name, string spec, string ns = Ns) =>
        Yaml<V1NetworkPolicy>($"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n{Indent(spec)}");

    public static V1NetworkPolicy StrimziPolicy(string variant) =>
        Fixtures.Load<V1NetworkPolicy>($"networkpolicy-my-cluster-network-policy-kafka.operator-{variant}");

    public static Kafka Kafka() => Fixtures.Load<Kafka>("kafka-my-cluster.kraft-node-pools.ca-7d");

    public static V1Pod Broker0() => Fixtures.Load<V1Pod>("pod-my-cluster-broker-0.steady");

    public static V1Pod OperatorPod() => Fixtures.Load<V1Pod>("pod-strimzi-cluster-operator");

    /// <summary>A Kafka node pod of my-cluster, as Strimzi labels it (strimzi-facts §5), with the agent port and the replication port.</summary>
    public static V1Pod KafkaPod(string name, string pool, string cluster = Cluster, string ns = Ns) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = new(KafkaAgent.PodLabels(cluster))
            {
                ["strimzi.io/pool-name"] = pool,
                ["strimzi.io/pod-name"] = name,
                ["strimzi.io/component-type"] = "kafka",
            },
        },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "kafka",
                    Ports =
                    [
                        new V1ContainerPort { Name = "tcp-kafkaagent", ContainerPort = 8443, Protocol = "TCP" },
                        new V1ContainerPort { Name = "tcp-replication", ContainerPort = 9091, Protocol = "TCP" },
                        new V1ContainerPort { Name = "tcp-clients", ContainerPort = 9092, Protocol = "TCP" },
                    ],
                },
            ],
        },
    };

    public static V1Namespace Namespace(string name, params (string Key, string Value)[] labels) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = name, Labels = labels.ToDictionary(l => l.Key, l => l.Value) },
    };

    /// <summary>The fixture cluster: the Kafka CR, broker-0 and the operator pod, and the two namespaces.</summary>
    public static ClusterSnapshot Snapshot(params KubernetesObject[] more) => ClusterSnapshot.From(
        [Kafka(), Broker0(), OperatorPod(), Namespace("kafka", ("kubernetes.io/metadata.name", "kafka")), Namespace("strimzi", ("kubernetes.io/metadata.name", "strimzi")), .. more]);

    public static Dictionary<string, string> Labels(params (string Key, string Value)[] labels) => labels.ToDictionary(l => l.Key, l => l.Value);

    private static string Indent(string text) =>
        string.Join("\n", text.Trim('\n').Split('\n').Select(l => "  " + l));
}
