using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Network;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>
/// A Kafka CR created where NetworkPolicies already let others reach the Kafka Agent port: the policies were admitted before the cluster
/// existed (outside a watched namespace's rule, or before the guard), and they open 8443 as soon as the pods start. The Kafka CR is not
/// at fault, so this never denies: it warns with each policy's name and records them in the audit line.
/// </summary>
internal sealed class AgentPortKafkaArrivalPolicy : IAdmissionPolicy
{
    public PolicyMetadata Metadata { get; } = new("agent-port.kafka-arrival", GuardIds.AgentPort, WebhookKind.Validating, [StrimziResources.KafkaCreates])
    {
        Judges = "`Kafka` CREATE",
        Rule = "Never denies: warns, and records in the audit annotation, each existing NetworkPolicy in the namespace that "
            + "would let anything but the operator reach 8443 of the new cluster's pods.",
    };

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        // Only the metadata is read: the spec is cert-lifetime's to judge, and a spec it cannot read is no concern of this one.
        var metadata = (request.Object as JsonObject)?["metadata"] as JsonObject;
        var name = request.Name is { Length: > 0 } n ? n : Text(metadata, "name");
        var ns = request.Namespace is { Length: > 0 } rn ? rn : Text(metadata, "namespace") ?? "";
        if (name is null) return PolicyVerdict.NotApplicable;
        var target = new KafkaAgentTarget(name, new PodEndpoint(ns, KafkaAgent.PodLabels(name), KafkaAgent.CanonicalPorts));
        var operatorLabels = PeerClassifier.OperatorNamespaceLabels(snapshot, options.Operator);
        var ours = AgentPortGuardPolicy.Names(name);
        // The new CR's own annotations say whether its agent will take clients without a certificate (strimzi-facts §6).
        var annotations = (metadata?["annotations"] as JsonObject)?.Where(a => a.Value?.GetValueKind() == JsonValueKind.String).ToDictionary(a => a.Key, a => (string)a.Value!);
        var header = new Kafka { Metadata = new V1ObjectMeta { Name = name, Annotations = annotations } };
        IReadOnlySet<string> withoutClientCertificates = InternalClusterSecurity.AgentWithoutClientCertificates(header) ? new HashSet<string> { name } : new HashSet<string>();
        var open = new List<string>();
        var notes = new List<string>();
        foreach (var policy in snapshot.NetworkPolicies.InNamespace(ns).Where(p => !ours.Contains(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var result = AgentPortCheck.Check(policy, [target], options, operatorLabels, withoutClientCertificates);
            if (result.Violations.Count == 0) continue;
            var first = result.Violations[0];
            open.Add($"{policy.Name} ({first.Path})");
            // Short: a warning longer than kubectl's line is cut (DecisionReport.MaxWarningLength); the audit annotation has each path.
            notes.Add($"NetworkPolicy {policy.Name} opens port 8443 (Kafka Agent) beyond the operator");
        }
        return open.Count == 0
            ? PolicyVerdict.NotApplicable
            : PolicyVerdict.Pass($"NetworkPolicies opening port 8443 beyond the operator: {string.Join(", ", open)}") with { Notes = notes };
    }

    private static string? Text(JsonObject? o, string key) => o?[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : null;
}
