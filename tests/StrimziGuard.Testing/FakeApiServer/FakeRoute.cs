namespace StrimziGuard.Testing.FakeApi;

/// <summary>A parsed API path: <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}]</c> or <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}]</c>.</summary>
internal sealed record FakeRoute(string Group, string Version, string Plural, string? Namespace, string? Name)
{
    public static FakeRoute? Parse(string path)
    {
        var parts = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        string group, version;
        string[] rest;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            (group, version, rest) = ("", parts[1], parts[2..]);
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            (group, version, rest) = (parts[1], parts[2], parts[3..]);
        }
        else
        {
            return null;
        }
        // "namespaces/{ns}/{plural}..." is a namespaced path; "namespaces[/{name}]" addresses Namespace objects themselves.
        if (rest.Length >= 3 && rest[0] == "namespaces")
            return rest.Length <= 4 ? new FakeRoute(group, version, rest[2], rest[1], rest.Length == 4 ? rest[3] : null) : null;
        return rest.Length <= 2 ? new FakeRoute(group, version, rest[0], null, rest.Length == 2 ? rest[1] : null) : null;
    }
}
