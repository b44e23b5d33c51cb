namespace StrimziGuard.Kubernetes.Client;

public enum KubePatchType
{
    /// <summary>RFC 6902, <c>application/json-patch+json</c>.</summary>
    JsonPatch,

    /// <summary>RFC 7386, <c>application/merge-patch+json</c>.</summary>
    MergePatch,
}
