namespace StrimziGuard.Core.Api;

public sealed class V1Namespace : KubernetesObject
{
}
