using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Kubernetes.Config;

/// <summary>
/// Reads a kubeconfig file (the subset kubectl users have: server, CA data or file, insecure-skip-tls-verify, token, tokenFile,
/// client certificate and key as data or files). Relative paths are relative to the kubeconfig's directory, as kubectl resolves them.
/// </summary>
public static class KubeConfigLoader
{
    /// <summary>
    /// The configuration to use when the user gave <paramref name="kubeconfigPath"/> (or not): that file; else <c>$KUBECONFIG</c> (its first
    /// entry); else in-cluster when <c>KUBERNETES_SERVICE_HOST</c> is set; else <c>~/.kube/config</c>.
    /// </summary>
    public static KubeConfig Resolve(string? kubeconfigPath = null, string? context = null)
    {
        if (!string.IsNullOrEmpty(kubeconfigPath)) return FromFile(kubeconfigPath, context);
        var env = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(env)) return FromFile(env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)[0], context);
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(InClusterConfig.HostVariable))) return InClusterConfig.Load();
        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (File.Exists(home)) return FromFile(home, context);
        throw new KubeConfigException(
            "no Kubernetes configuration found: pass --kubeconfig FILE, set KUBECONFIG, or run in a pod with a service account " +
            $"({InClusterConfig.HostVariable} is not set and {home} does not exist)");
    }

    public static KubeConfig FromFile(string path, string? context = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"cannot read kubeconfig {path}: {e.Message}. Check the --kubeconfig path or KUBECONFIG", e);
        }
        return FromText(text, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", context, path);
    }

    /// <summary>Parses kubeconfig YAML; <paramref name="baseDirectory"/> anchors relative file paths.</summary>
    public static KubeConfig FromText(string yaml, string baseDirectory, string? context = null, string sourceName = "kubeconfig")
    {
        JsonObject root;
        try
        {
            root = YamlDocuments.Parse(yaml).FirstOrDefault() as JsonObject
                ?? throw new KubeConfigException($"{sourceName} is empty or not a YAML mapping; it should be a kubeconfig (kind: Config)");
        }
        catch (ManifestException e)
        {
            throw new KubeConfigException($"{sourceName} is not valid YAML: {e.Message}", e);
        }

        var contextName = context ?? Str(root, "current-context")
            ?? throw new KubeConfigException($"{sourceName} has no current-context; pass a context name or run `kubectl config use-context NAME`");
        var ctx = Named(root, "contexts", contextName, "context", sourceName);
        var clusterName = Str(ctx, "cluster") ?? throw new KubeConfigException($"context '{contextName}' in {sourceName} names no cluster");
        var cluster = Named(root, "clusters", clusterName, "cluster", sourceName);
        var userName = Str(ctx, "user");
        var user = userName is null ? new JsonObject() : Named(root, "users", userName, "user", sourceName);
        var where = $"kubeconfig {sourceName}, context {contextName}";

        var server = Str(cluster, "server") ?? throw new KubeConfigException($"cluster '{clusterName}' in {sourceName} has no server URL");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var serverUri) || serverUri.Scheme is not ("https" or "http"))
            throw new KubeConfigException($"cluster '{clusterName}' in {sourceName}: server '{server}' is not an http(s) URL");

        var files = new KubeConfigFiles(baseDirectory, where);
        return new KubeConfig
        {
            Server = serverUri,
            CertificateAuthorities = files.CertificateAuthorities(Str(cluster, "certificate-authority-data"), Str(cluster, "certificate-authority")),
            InsecureSkipTlsVerify = cluster["insecure-skip-tls-verify"]?.GetValueKind() == JsonValueKind.True,
            TlsServerName = Str(cluster, "tls-server-name"),
            Token = files.Token(user, userName),
            ClientCertificate = files.ClientCertificate(user, userName),
            Namespace = Str(ctx, "namespace"),
            Source = where,
        };
    }

    internal static string? Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && (string?)v is { Length: > 0 } s ? s : null;

    private static JsonObject Named(JsonObject root, string listKey, string name, string innerKey, string source)
    {
        var entry = (root[listKey] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(e => Str(e, "name") == name)
            ?? throw new KubeConfigException($"{source} has no {innerKey} named '{name}' (under {listKey}); check the context or `kubectl config get-contexts`");
        return entry[innerKey] as JsonObject ?? new JsonObject();
    }
}
