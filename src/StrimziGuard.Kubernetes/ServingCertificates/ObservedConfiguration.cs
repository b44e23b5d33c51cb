using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>One of the guard's two webhook configurations as the leader read it, with the kind of object it is.</summary>
internal sealed record ObservedConfiguration(ApiResource Resource, WebhookConfiguration Configuration);
