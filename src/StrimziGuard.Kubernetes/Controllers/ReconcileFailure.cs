namespace StrimziGuard.Kubernetes.Controllers;

public sealed record ReconcileFailure(string Controller, string Key, string Message);
