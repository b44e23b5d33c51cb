namespace StrimziGuard.Kubernetes.Config;

/// <summary>The configuration cannot be used; the message says what is missing and how to fix it.</summary>
public sealed class KubeConfigException(string message, Exception? inner = null) : Exception(message, inner);
