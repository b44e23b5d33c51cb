namespace StrimziGuard.Kubernetes.Manifests;

/// <summary>A file the user gave us cannot be read; the message is one line that says where and why.</summary>
public sealed class ManifestException(string message) : Exception(message);
