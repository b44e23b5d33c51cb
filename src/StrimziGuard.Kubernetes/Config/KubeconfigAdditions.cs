using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Kubernetes.Config;

/// <summary>
/// The kubeconfig fields KubernetesClient 21 does not read: a user's <c>tokenFile</c> (client-go reads it, re-reading the file as it
/// rotates) and a cluster's <c>proxy-url</c>. Looked up with the merge rule of kubectl: the first file that names the user or cluster
/// decides. Relative paths are relative to that file's directory.
/// </summary>
internal sealed record KubeconfigAdditions(string? TokenFile, Uri? ProxyUrl)
{
    public static KubeconfigAdditions Read(IReadOnlyList<string> paths, string clusterName, string? userName, string where)
    {
        string? tokenFile = null;
        Uri? proxy = null;
        bool userFound = userName is null, clusterFound = false;
        foreach (var path in paths)
        {
            var root = Parse(path, where);
            if (!userFound && Entry(root, "users", "user", userName!) is { } user)
            {
                userFound = true;
                if (Str(user, "tokenFile") is { } file)
                    tokenFile = Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", file));
            }
            if (!clusterFound && Entry(root, "clusters", "cluster", clusterName) is { } cluster)
            {
                clusterFound = true;
                if (Str(cluster, "proxy-url") is { } url)
                {
                    if (!Uri.TryCreate(url, UriKind.Absolute, out proxy) || proxy.Scheme is not ("http" or "https"))
                        throw new KubeConfigException($"{where}: proxy-url '{url}' of cluster '{clusterName}' is not an http(s) URL (socks5 proxies are not supported)");
                }
            }
        }
        return new KubeconfigAdditions(tokenFile, proxy);
    }

    private static JsonObject? Parse(string path, string where)
    {
        try
        {
            return YamlDocuments.Parse(File.ReadAllText(path)).FirstOrDefault() as JsonObject;
        }
        catch (Exception e) when (e is ManifestException or IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"{where}: cannot read {path}: {e.Message}", e);
        }
    }

    private static JsonObject? Entry(JsonObject? root, string listKey, string innerKey, string name) =>
        (root?[listKey] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(e => Str(e, "name") == name)?[innerKey] as JsonObject;

    private static string? Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && (string?)v is { Length: > 0 } s ? s : null;
}
