namespace StrimziGuard.Kubernetes.Client;

/// <summary>Where a kind is served in the REST API: <c>/api/v1/...</c> for the core group, <c>/apis/{group}/{version}/...</c> otherwise.</summary>
public sealed record ApiResource(string Group, string Version, string Kind, string Plural, bool Namespaced = true)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public ApiResource WithVersion(string version) => this with { Version = version };

    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(ns)
            ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}"
            : $"{root}/{Plural}";
    }

    public string ItemPath(string? ns, string name)
    {
        if (Namespaced && string.IsNullOrEmpty(ns))
            throw new ArgumentException($"{this} is namespaced: a namespace is needed to address '{name}'", nameof(ns));
        return $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
    }

    /// <summary>Reads like kubectl's resource names: <c>pods</c>, <c>strimzipodsets.core.strimzi.io</c>.</summary>
    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
