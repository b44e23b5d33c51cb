using System.Net;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Network;
using StrimziGuard.Core.Options;
using static StrimziGuard.Core.Tests.Guards.AgentPort.AgentPortFixtures;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

/// <summary>A random namespace "kafka" with Kafka pods, other pods, NetworkPolicies and a crowd of sources, for the planner's property test.</summary>
internal sealed class AgentPortRandomWorld(Random rng)
{
    private static readonly string[] Pools = ["broker", "controller"];
    private static readonly string[][] PodSelectors =
    [
        [], ["strimzi.io/cluster=my-cluster"], ["strimzi.io/pool-name=broker"], ["strimzi.io/pool-name in controller"],
        ["strimzi.io/pool-name notin broker"], ["zone"], ["!zone"], ["app=web"], ["strimzi.io/kind=Kafka"], ["strimzi.io/kind=cluster-operator"], ["app=client"],
    ];

    private static readonly string[][] NamespaceSelectors =
        [[], ["team=platform"], ["kubernetes.io/metadata.name=apps"], ["kubernetes.io/metadata.name=strimzi"], ["team"]];

    public static readonly Dictionary<string, string> OperatorLabels = Labels(("strimzi.io/kind", "cluster-operator"), ("name", "strimzi-cluster-operator"));

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NamespaceLabels = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["kafka"] = Labels(("team", "data")),
        ["strimzi"] = Labels(("team", "platform")),
        ["apps"] = Labels(("team", "web")),
        ["other"] = Labels(),
    };

    public GuardOptions Options() => GuardOptions.Default with { AgentPort = new AgentPortOptions { Sctp = rng.Next(2) == 0 } };

    public List<V1Pod> KafkaPods()
    {
        var pods = new List<V1Pod>();
        for (var i = 0; i < rng.Next(0, 5); i++)
        {
            var pool = Pools[rng.Next(2)];
            var pod = KafkaPod($"my-cluster-{pool}-{i}", pool);
            if (rng.Next(2) == 0) pod.Metadata.Labels!["zone"] = "a";
            if (pool == "controller") pod.Spec!.Containers![0].Ports!.Add(new V1ContainerPort { Name = "tcp-ctrlplane", ContainerPort = 9090 });
            pods.Add(pod);
        }
        return pods;
    }

    /// <summary>Pods in the Kafka namespace that are not Kafka nodes: the guard must not touch them at all.</summary>
    public static IReadOnlyList<PodEndpoint> Bystanders() =>
    [
        new("kafka", Labels(("strimzi.io/cluster", "my-cluster"), ("strimzi.io/kind", "Kafka"), ("strimzi.io/name", "my-cluster-entity-operator")), []),
        new("kafka", Labels(("app", "web"), ("zone", "a")), [new V1ContainerPort { Name = "tcp-kafkaagent", ContainerPort = 8443 }]),
    ];

    public static IReadOnlyList<TrafficSource> Sources(IEnumerable<V1Pod> kafkaPods)
    {
        var sources = new List<TrafficSource>
        {
            TrafficSource.Pod("strimzi", OperatorLabels, NamespaceLabels["strimzi"], IPAddress.Parse("10.244.3.9")),
            TrafficSource.Pod("apps", OperatorLabels, NamespaceLabels["apps"]),
            TrafficSource.Pod("kafka", OperatorLabels, NamespaceLabels["kafka"]),
            TrafficSource.Pod("strimzi", Labels(("app", "client")), NamespaceLabels["strimzi"]),
            TrafficSource.Pod("apps", Labels(("app", "client")), NamespaceLabels["apps"], IPAddress.Parse("10.244.1.5")),
            TrafficSource.Pod("apps", Labels(("app", "web"), ("zone", "a")), NamespaceLabels["apps"]),
            TrafficSource.Pod("other", Labels(), NamespaceLabels["other"], IPAddress.Parse("10.1.2.3")),
            TrafficSource.Pod("kafka", Labels(("app", "client")), NamespaceLabels["kafka"]),
            TrafficSource.External(IPAddress.Parse("203.0.113.9")),
            TrafficSource.External(IPAddress.Parse("10.0.0.1")),
            TrafficSource.External(IPAddress.Parse("2001:db8::1")),
        };
        sources.AddRange(kafkaPods.Select(p => TrafficSource.Pod("kafka", p.Metadata.Labels!, NamespaceLabels["kafka"])));
        return sources;
    }

    public List<V1NetworkPolicy> Policies()
    {
        var policies = new List<V1NetworkPolicy>();
        for (var i = 0; i < rng.Next(0, 5); i++) policies.Add(RandomPolicy($"p{i}", "kafka"));
        if (rng.Next(3) == 0) policies.Add(RandomPolicy("elsewhere", "apps"));
        return policies;
    }

    public V1NetworkPolicy RandomPolicy(string name, string ns)
    {
        var spec = new V1NetworkPolicySpec
        {
            PodSelector = rng.Next(8) == 0 ? null : Sel(Pick(PodSelectors)),
            PolicyTypes = Pick<List<string>?>([null, null, [], ["Ingress"], ["Egress"], ["Ingress", "Egress"]]),
            Egress = rng.Next(3) == 0 ? new JsonArray(new JsonObject()) : null,
            Ingress = rng.Next(6) == 0 ? null : Enumerable.Range(0, rng.Next(0, 4)).Select(_ => Rule()).ToList(),
        };
        return new V1NetworkPolicy { ApiVersion = "networking.k8s.io/v1", Kind = "NetworkPolicy", Metadata = new() { Name = name, NamespaceProperty = ns }, Spec = spec };
    }

    private V1NetworkPolicyIngressRule Rule() => new()
    {
        Ports = rng.Next(4) == 0 ? null : Enumerable.Range(0, rng.Next(0, 3)).Select(_ => Port()).ToList(),
        From = rng.Next(4) == 0 ? null : Enumerable.Range(0, rng.Next(0, 3)).Select(_ => Peer()).ToList(),
    };

    private V1NetworkPolicyPort Port()
    {
        var protocol = Pick<string?>([null, null, "TCP", "UDP", "SCTP"]);
        return rng.Next(5) switch
        {
            0 => new() { Protocol = protocol, Port = IntOrString.FromNumber(Pick([8443, 9091, 9092, 9090, 53, 1])) },
            1 => Range(protocol, Pick<(int, int)>([(8000, 9000), (9090, 9092), (1, 65535), (8444, 65535), (1, 8443)])),
            2 => new() { Protocol = protocol, Port = IntOrString.FromText(Pick(["tcp-kafkaagent", "tcp-replication", "tcp-ctrlplane", "nope"])) },
            _ => new() { Protocol = protocol },
        };
    }

    private static V1NetworkPolicyPort Range(string? protocol, (int First, int Last) range) =>
        new() { Protocol = protocol, Port = IntOrString.FromNumber(range.First), EndPort = range.Last };

    private V1NetworkPolicyPeer Peer() => rng.Next(4) switch
    {
        0 => new() { IpBlock = Pick<V1IPBlock>([new() { Cidr = "0.0.0.0/0" }, new() { Cidr = "10.0.0.0/8", Except = ["10.244.0.0/16"] }, new() { Cidr = "2001:db8::/32" }]) },
        1 => new() { NamespaceSelector = Sel(Pick(NamespaceSelectors)) },
        2 => new() { PodSelector = Sel(Pick(PodSelectors)) },
        _ => new() { PodSelector = Sel(Pick(PodSelectors)), NamespaceSelector = Sel(Pick(NamespaceSelectors)) },
    };

    /// <summary>A selector from terms in kubectl syntax: <c>k=v</c>, <c>k in v</c>, <c>k notin v</c>, <c>k</c>, <c>!k</c>.</summary>
    private static V1LabelSelector Sel(string[] terms)
    {
        var s = new V1LabelSelector();
        foreach (var t in terms)
        {
            var parts = t.Split(' ');
            if (t.Contains('=')) (s.MatchLabels ??= [])[t.Split('=')[0]] = t.Split('=')[1];
            else if (parts.Length == 3) (s.MatchExpressions ??= []).Add(new() { Key = parts[0], Operator = parts[1] == "in" ? "In" : "NotIn", Values = [parts[2]] });
            else (s.MatchExpressions ??= []).Add(new() { Key = t.TrimStart('!'), Operator = t.StartsWith('!') ? "DoesNotExist" : "Exists" });
        }
        return s;
    }

    private T Pick<T>(IReadOnlyList<T> options) => options[rng.Next(options.Count)];
}
