using StrimziGuard.Core.Api;

namespace StrimziGuard.Kubernetes.Models;

/// <summary>A <c>coordination.k8s.io/v1</c> Lease, used for leader election.</summary>
public sealed class V1Lease : KubernetesObject
{
    public V1LeaseSpec? Spec { get; set; }
}
