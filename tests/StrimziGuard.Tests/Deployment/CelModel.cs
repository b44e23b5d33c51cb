namespace StrimziGuard.Tests.Deployment;

/// <summary>
/// The matchConditions our webhooks use, each as its exact CEL text and a C# model of it, so the simulation can apply them.
/// <see cref="AdmissionMatchingTests"/> asserts that every rendered condition is one of these, text for text: a new or edited
/// condition fails until it is modelled here. Unknown expressions would be treated as "true" (they can only narrow).
/// </summary>
internal static class CelModel
{
    public const string Operator = "system:serviceaccount:strimzi:strimzi-cluster-operator";

    private const string OperatorCel = "'system:serviceaccount:' + 'strimzi' + ':' + 'strimzi-cluster-operator'";

    private const string StrimziLabelled = "has(object.metadata.labels) && ('strimzi.io/cluster' in object.metadata.labels || 'strimzi.io/kind' in object.metadata.labels)";

    public static readonly Dictionary<string, (string Expression, Func<AdmissionCall, bool> Model)> Conditions = new()
    {
        ["not-strimzi-cluster-operator"] = ($"request.userInfo.username != {OperatorCel}", c => c.Username != Operator),
        ["is-strimzi-cluster-operator"] = ($"request.userInfo.username == {OperatorCel}", c => c.Username == Operator),
        ["not-control-plane"] = (
            "!(request.userInfo.username.startsWith('system:serviceaccount:kube-system:') || request.userInfo.username.startsWith('system:node:') || request.userInfo.username in ['system:kube-controller-manager', 'system:kube-scheduler', 'system:apiserver'])",
            c => !(c.Username.StartsWith("system:serviceaccount:kube-system:", StringComparison.Ordinal) || c.Username.StartsWith("system:node:", StringComparison.Ordinal)
                || c.Username is "system:kube-controller-manager" or "system:kube-scheduler" or "system:apiserver")),
        ["not-strimzi-guard"] = ("request.userInfo.username != 'system:serviceaccount:strimzi-guard:strimzi-guard'", c => c.Username != "system:serviceaccount:strimzi-guard:strimzi-guard"),
        ["strimzi-labelled"] = (StrimziLabelled, IsStrimziLabelled),
        ["not-strimzi-labelled"] = ($"!({StrimziLabelled})", c => !IsStrimziLabelled(c)),
        ["holds-certificates"] = (
            "has(object.data) && ('tls.crt' in object.data || 'ca.crt' in object.data) && !(has(object.type) && object.type == 'kubernetes.io/service-account-token')",
            c => (c.DataKeys.Contains("tls.crt") || c.DataKeys.Contains("ca.crt")) && c.Type != "kubernetes.io/service-account-token"),
        ["delete-only-guard-policies"] = (
            "request.operation != 'DELETE' || request.name.endsWith('-kafka-agent-guard')",
            c => c.Operation != "DELETE" || c.Name.EndsWith("-kafka-agent-guard", StringComparison.Ordinal)),
    };

    private static bool IsStrimziLabelled(AdmissionCall c) => c.Labels.ContainsKey("strimzi.io/cluster") || c.Labels.ContainsKey("strimzi.io/kind");
}
