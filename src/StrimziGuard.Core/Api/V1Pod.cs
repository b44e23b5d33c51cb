namespace StrimziGuard.Core.Api;

public sealed class V1Pod : KubernetesObject
{
    public V1PodSpec? Spec { get; set; }
}
