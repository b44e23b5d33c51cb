using StrimziGuard.Core.Api;
using StrimziGuard.Core.Network;
using StrimziGuard.Core.Options;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>Builds the guard's NetworkPolicies. Every field the API server would default is set explicitly, so a live copy compares equal.</summary>
internal static class AgentPortPolicyBuilder
{
    private const int MaxPort = 65535;

    public static V1NetworkPolicy Build(Kafka kafka, string name, V1LabelSelector podSelector, bool passThrough, GuardOptions options)
    {
        List<V1NetworkPolicyIngressRule> rules = [OperatorOnlyRule(options)];
        if (passThrough) rules.Add(PassThroughRule(options));
        return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = kafka.Namespace,
                Labels = AgentPortGuardPolicy.Labels(kafka.Name),
                OwnerReferences = kafka.Metadata.Uid is { } uid ? [Owner(kafka, uid)] : null,
            },
            Spec = new V1NetworkPolicySpec { PodSelector = podSelector, PolicyTypes = ["Ingress"], Ingress = rules },
        };
    }

    /// <summary>The cluster's Kafka node pods, by the three labels Strimzi's own policy uses (strimzi-facts §6).</summary>
    public static V1LabelSelector ClusterPods(string cluster) => new() { MatchLabels = Sorted(KafkaAgent.PodLabels(cluster)) };

    /// <summary>Some of the cluster's Kafka node pods, by <c>strimzi.io/pod-name</c>, which a recreated pod keeps (strimzi-facts §5).</summary>
    public static V1LabelSelector SomePods(string cluster, IEnumerable<string> podNames) => new()
    {
        MatchLabels = Sorted(KafkaAgent.PodLabels(cluster)),
        MatchExpressions = [new V1LabelSelectorRequirement { Key = KafkaAgent.PodNameLabel, Operator = "In", Values = podNames.Distinct().Order(StringComparer.Ordinal).ToList() }],
    };

    /// <summary>
    /// The owner is the Kafka CR, so the policy goes when the cluster goes. <c>controller: false</c>: the guard, not Strimzi, manages it, and
    /// Strimzi marks its own generated objects the same way (see the fixtures). <c>blockOwnerDeletion: false</c>: deleting the cluster never
    /// waits on us, and setting it would need update rights on <c>kafkas/finalizers</c>.
    /// </summary>
    private static V1OwnerReference Owner(Kafka kafka, string uid) => new()
    {
        ApiVersion = kafka.ApiVersion ?? "kafka.strimzi.io/v1beta2",
        Kind = "Kafka",
        Name = kafka.Name,
        Uid = uid,
        Controller = false,
        BlockOwnerDeletion = false,
    };

    /// <summary>TCP 8443 from the operator's pods in the operator's namespace, pinned by the name label only the API server sets.</summary>
    private static V1NetworkPolicyIngressRule OperatorOnlyRule(GuardOptions options) => new()
    {
        Ports = [new V1NetworkPolicyPort { Protocol = PortMatch.Tcp, Port = IntOrString.FromNumber(KafkaAgent.Port) }],
        From =
        [
            new V1NetworkPolicyPeer
            {
                PodSelector = new V1LabelSelector { MatchLabels = Sorted(options.Operator.PodLabels) },
                NamespaceSelector = new V1LabelSelector { MatchLabels = new() { [TrafficSource.NamespaceNameLabel] = options.Operator.Namespace } },
            },
        ],
    };

    /// <summary>
    /// Everything but TCP 8443, from anywhere: what pods no policy isolates accept today. UDP and SCTP go without a port (every port of the
    /// protocol), which needs no <c>endPort</c> support; TCP needs two <c>endPort</c> ranges (Kubernetes 1.25+ and a plugin that honours it).
    /// </summary>
    private static V1NetworkPolicyIngressRule PassThroughRule(GuardOptions options)
    {
        List<V1NetworkPolicyPort> ports =
        [
            new() { Protocol = PortMatch.Tcp, Port = IntOrString.FromNumber(1), EndPort = KafkaAgent.Port - 1 },
            new() { Protocol = PortMatch.Tcp, Port = IntOrString.FromNumber(KafkaAgent.Port + 1), EndPort = MaxPort },
            new() { Protocol = PortMatch.Udp },
        ];
        if (options.AgentPort.Sctp) ports.Add(new() { Protocol = PortMatch.Sctp });
        return new V1NetworkPolicyIngressRule { Ports = ports };
    }

    private static Dictionary<string, string> Sorted(IReadOnlyDictionary<string, string> labels) =>
        labels.OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(l => l.Key, l => l.Value);
}
