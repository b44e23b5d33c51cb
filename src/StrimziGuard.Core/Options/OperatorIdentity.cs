using StrimziGuard.Core.Api;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Options;

/// <summary>
/// Who the Strimzi cluster operator is. Its writes are never denied (a blocked operator can stall a CA renewal until certificates expire),
/// and its pods are the only peer allowed on the Kafka Agent port.
/// </summary>
public sealed record OperatorIdentity
{
    /// <summary>The operator's namespace; Strimzi's examples use <c>strimzi</c> (the install files' placeholder is <c>myproject</c>).</summary>
    public string Namespace { get; init; } = "strimzi";

    public string ServiceAccount { get; init; } = "strimzi-cluster-operator";

    /// <summary>Labels of the operator's pods (strimzi-facts §5).</summary>
    public IReadOnlyDictionary<string, string> PodLabels { get; init; } = new Dictionary<string, string> { ["strimzi.io/kind"] = "cluster-operator" };

    /// <summary>Labels that identify the operator's namespace, as in <c>STRIMZI_OPERATOR_NAMESPACE_LABELS</c>; optional.</summary>
    public IReadOnlyDictionary<string, string>? NamespaceLabels { get; init; }

    public string Username => $"system:serviceaccount:{Namespace}:{ServiceAccount}";

    public bool IsOperator(UserInfo user) => string.Equals(user.Username, Username, StringComparison.Ordinal);

    /// <summary>
    /// The cluster operator, or a Kafka cluster's own Entity Operator (<c>system:serviceaccount:&lt;ns&gt;:&lt;cluster&gt;-entity-operator</c>),
    /// whose User Operator writes the KafkaUser Secrets (their <c>ca.crt</c> is the clients CA). The Entity Operator counts only when that
    /// Kafka CR is in view in that namespace, so naming a service account <c>*-entity-operator</c> elsewhere earns nothing.
    /// </summary>
    public bool IsStrimzi(UserInfo user, ClusterSnapshot snapshot)
    {
        if (IsOperator(user)) return true;
        const string prefix = "system:serviceaccount:";
        const string suffix = "-entity-operator";
        var name = user.Username;
        if (name is null || !name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal)) return false;
        var rest = name[prefix.Length..^suffix.Length];
        var colon = rest.IndexOf(':');
        return colon > 0 && snapshot.Kafkas.Get(rest[..colon], rest[(colon + 1)..]) is not null;
    }
}
