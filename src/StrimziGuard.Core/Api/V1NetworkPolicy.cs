namespace StrimziGuard.Core.Api;

public sealed class V1NetworkPolicy : KubernetesObject
{
    public V1NetworkPolicySpec? Spec { get; set; }
}
