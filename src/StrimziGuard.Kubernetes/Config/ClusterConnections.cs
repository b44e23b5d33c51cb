using System.Net;
using k8s;
using k8s.KubeConfigModels;

namespace StrimziGuard.Kubernetes.Config;

/// <summary>
/// Finds the cluster to talk to, as kubectl does, with KubernetesClient's configuration: <c>--kubeconfig FILE</c>; else every file of
/// <c>$KUBECONFIG</c>, merged by kubectl's rules (the first file to name a context, cluster or user wins; missing files are skipped);
/// else the pod's service account; else <c>~/.kube/config</c>. The library handles contexts, CAs, client certificates, tokens and
/// <c>exec</c> credential plugins; <see cref="KubeconfigAdditions"/> adds what it does not read (<c>tokenFile</c>, <c>proxy-url</c>).
/// </summary>
internal static class ClusterConnections
{
    public const string KubeconfigVariable = "KUBECONFIG";

    /// <summary>Where the kubelet mounts the service-account token, CA and namespace.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <exception cref="KubeConfigException">No usable configuration; the message says what to fix.</exception>
    public static ClusterConnection Resolve(string? kubeconfigPath = null, string? context = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrEmpty(kubeconfigPath))
        {
            if (!File.Exists(kubeconfigPath)) throw new KubeConfigException($"kubeconfig {kubeconfigPath} not found; check the --kubeconfig path");
            return FromFiles([kubeconfigPath], context, $"kubeconfig {kubeconfigPath}", environment);
        }
        if (environment(KubeconfigVariable) is { Length: > 0 } list)
        {
            var named = list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var existing = named.Where(File.Exists).ToArray();
            if (existing.Length == 0) throw new KubeConfigException($"none of the files in {KubeconfigVariable} exists ({list}); fix {KubeconfigVariable} or pass --kubeconfig FILE");
            return FromFiles(existing, context, $"{KubeconfigVariable}={string.Join(Path.PathSeparator, existing)}", environment);
        }
        if (!string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST"))) return InCluster(environment);
        var home = KubernetesClientConfiguration.KubeConfigDefaultLocation;
        if (File.Exists(home)) return FromFiles([home], context, $"kubeconfig {home}", environment);
        throw new KubeConfigException(
            "no Kubernetes configuration found: pass --kubeconfig FILE, set KUBECONFIG, or run in a pod with a service account " +
            $"(KUBERNETES_SERVICE_HOST is not set and {home} does not exist)");
    }

    /// <summary>The pod's own service account, through the library; its token is re-read after a 401 (<see cref="TokenFile"/>).</summary>
    public static ClusterConnection InCluster(Func<string, string?>? environment = null)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.InClusterConfig();
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"in-cluster configuration cannot be used: {e.Message}", e);
        }
        var token = new TokenFile(Path.Combine(ServiceAccountDirectory, "token"));
        config.TokenProvider = token;
        SetProxy(config, null, environment ?? Environment.GetEnvironmentVariable, "in-cluster");
        return new ClusterConnection(Prepare(config), "in-cluster service account", token);
    }

    /// <summary>One kubeconfig, or several merged in the order given (the first to name a context, cluster or user wins).</summary>
    public static ClusterConnection FromFiles(IReadOnlyList<string> paths, string? context = null, string? source = null, Func<string, string?>? environment = null)
    {
        source ??= $"kubeconfig {string.Join(Path.PathSeparator, paths)}";
        K8SConfiguration merged;
        try
        {
            merged = Merge(paths.Select(p => Anchored(KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(p), useRelativePaths: false), p)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new KubeConfigException($"{source} cannot be read as a kubeconfig: {e.Message}", e);
        }
        var contextName = context ?? merged.CurrentContext
            ?? throw new KubeConfigException($"{source} has no current-context; pass --context NAME or run `kubectl config use-context NAME`");
        var ctx = merged.Contexts?.FirstOrDefault(c => c.Name == contextName)
            ?? throw new KubeConfigException($"{source} has no context named '{contextName}'; check the context or `kubectl config get-contexts`");
        var where = $"{source}, context {contextName}";
        var clusterName = ctx.ContextDetails?.Cluster;
        if (clusterName is null || merged.Clusters?.Any(c => c.Name == clusterName) != true)
            throw new KubeConfigException($"{where}: no cluster named '{clusterName}' (under clusters)");
        var userName = ctx.ContextDetails?.User;
        if (userName is not null && merged.Users?.Any(u => u.Name == userName) != true)
            throw new KubeConfigException($"{where}: no user named '{userName}' (under users)");

        var additions = KubeconfigAdditions.Read(paths, clusterName, userName, where);
        TokenFile? token = null;
        var credentials = merged.Users?.FirstOrDefault(u => u.Name == userName)?.UserCredentials;
        if (additions.TokenFile is { } file && credentials is not null && string.IsNullOrEmpty(credentials.Token) && credentials.ExternalExecution is null)
        {
            token = new TokenFile(file);
            // The library insists on a credential it knows; it gets the file's current token, and ours re-reads the file from then on.
            credentials.Token = token.GetToken();
        }

        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, contextName);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new KubeConfigException($"{where}: {e.Message}", e);
        }
        if (token is not null) config.TokenProvider = token;
        SetProxy(config, additions.ProxyUrl, environment ?? Environment.GetEnvironmentVariable, where);
        return new ClusterConnection(Prepare(config), where, token);
    }

    /// <summary>
    /// The proxy, as kubectl chooses it: the cluster's <c>proxy-url</c>, else <c>HTTPS_PROXY</c> (<c>HTTP_PROXY</c> for an http server)
    /// unless <c>NO_PROXY</c> names the server's host or a domain it is in (<c>*</c> for all; CIDR entries are not read). Set on the
    /// library's handler explicitly, so the choice is made once per connection rather than by the runtime's process-wide default.
    /// </summary>
    private static void SetProxy(KubernetesClientConfiguration config, Uri? proxyUrl, Func<string, string?> environment, string where)
    {
        var server = new Uri(config.Host);
        if (proxyUrl is null)
        {
            var variable = server.Scheme == "https" ? "HTTPS_PROXY" : "HTTP_PROXY";
            var value = environment(variable) ?? environment(variable.ToLowerInvariant());
            if (string.IsNullOrEmpty(value)) return;
            if (!Uri.TryCreate(value, UriKind.Absolute, out proxyUrl) || proxyUrl.Scheme is not ("http" or "https"))
                throw new KubeConfigException($"{where}: {variable} '{value}' is not an http(s) URL");
            if (Bypassed(server.Host, environment("NO_PROXY") ?? environment("no_proxy")))
            {
                config.FirstMessageHandlerSetup = handler => handler.UseProxy = false;
                return;
            }
        }
        var proxy = new WebProxy(proxyUrl);
        config.FirstMessageHandlerSetup = handler =>
        {
            handler.UseProxy = true;
            handler.Proxy = proxy;
        };
    }

    private static bool Bypassed(string host, string? noProxy) =>
        (noProxy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(entry =>
            entry == "*" || string.Equals(host, entry.TrimStart('.'), StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + entry.TrimStart('.'), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// kubectl's merge of a <c>KUBECONFIG</c> list, on the library's model (its own merge is reachable only through <c>BuildDefaultConfig</c>,
    /// which cannot choose a context): the first file to set current-context, or to name a context, cluster or user, wins. Relative
    /// paths were resolved per file while loading.
    /// </summary>
    private static K8SConfiguration Merge(IEnumerable<K8SConfiguration> files)
    {
        var merged = new K8SConfiguration { ApiVersion = "v1", Kind = "Config", Contexts = [], Clusters = [], Users = [] };
        foreach (var file in files)
        {
            merged.CurrentContext ??= string.IsNullOrEmpty(file.CurrentContext) ? null : file.CurrentContext;
            merged.Contexts = FirstWins(merged.Contexts, file.Contexts, c => c.Name);
            merged.Clusters = FirstWins(merged.Clusters, file.Clusters, c => c.Name);
            merged.Users = FirstWins(merged.Users, file.Users, u => u.Name);
        }
        return merged;
    }

    /// <summary>Relative file paths of one kubeconfig made absolute against its own directory, as kubectl does, before files merge.</summary>
    private static K8SConfiguration Anchored(K8SConfiguration file, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string? Full(string? p) => string.IsNullOrEmpty(p) || Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(dir, p));
        foreach (var cluster in file.Clusters ?? [])
            if (cluster.ClusterEndpoint is { } endpoint) endpoint.CertificateAuthority = Full(endpoint.CertificateAuthority);
        foreach (var user in file.Users ?? [])
        {
            if (user.UserCredentials is not { } credentials) continue;
            credentials.ClientCertificate = Full(credentials.ClientCertificate);
            credentials.ClientKey = Full(credentials.ClientKey);
        }
        return file;
    }

    private static List<T> FirstWins<T>(IEnumerable<T> seen, IEnumerable<T>? more, Func<T, string> name)
    {
        var all = seen.ToList();
        foreach (var item in more ?? [])
            if (!all.Any(a => name(a) == name(item))) all.Add(item);
        return all;
    }

    /// <summary>Timeouts are ours, per call (<c>Client/RetryHandler</c>); the library's HttpClient-wide one would also cut long watches.</summary>
    private static KubernetesClientConfiguration Prepare(KubernetesClientConfiguration config)
    {
        config.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        config.UserAgent = "strimzi-guard";
        return config;
    }
}
