using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StrimziGuard.Core;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Web;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>serve</c>: the webhook. Runs until SIGTERM or Ctrl+C, then stops accepting, finishes in-flight reviews and exits.
/// </summary>
internal static class ServeCommand
{
    public const string Help = """
        Usage: strimzi-guard serve [--config FILE] [--listen URL] [--tls-cert FILE --tls-key FILE] [--cluster-state PATH]...
                                   [--metrics-listen URL] [--http2] [--dev]
                                   [--kubeconfig FILE] [--context NAME]

        Serves the admission webhooks over HTTPS (TLS 1.2+), health on /healthz and /readyz, Prometheus metrics over plain HTTP.
        Audit lines (one JSON object per decision) go to stdout, the server's own logs to stderr.
          --config FILE          guard configuration (YAML); validated at start, re-read when it changes
          --listen URL           admission endpoint (default https://0.0.0.0:8443; with --dev https://127.0.0.1:8443)
          --tls-cert FILE        serving certificate (PEM), re-read when it changes (e.g. a mounted Secret's tls.crt)
          --tls-key FILE         its private key (PEM)
          --cluster-state PATH   objects decisions may consult, from files (repeatable; with --dev default manifests/examples/cluster-state)
          --metrics-listen URL   metrics endpoint (default http://0.0.0.0:8080; with --dev http://127.0.0.1:8080)
          --http2                also offer HTTP/2 (off by default: CVE-2023-44487, HTTP/2 rapid reset)
          --kubeconfig FILE      the cluster to watch (default: in-cluster service account, $KUBECONFIG, ~/.kube/config);
                                 without --dev or --cluster-state, decisions read watch caches and the leader runs the controllers
          --context NAME         a kubeconfig context other than the current one
          --dev                  a throwaway CA and loopback certificate in a temp dir, offline cluster state; prints a curl line
        Exit: 0 after a clean shutdown, 2 bad usage, configuration or certificate.
        """;

    public const string DefaultClusterState = "manifests/examples/cluster-state";

    private static readonly HashSet<string> Valued = ["config", "listen", "tls-cert", "tls-key", "cluster-state", "metrics-listen", "kubeconfig", "context"];

    private static readonly HashSet<string> Flags = ["dev", "http2"];

    public static async Task<int> RunAsync(IEnumerable<string> argv, CliConsole console, CancellationToken stop = default)
    {
        var args = CommandLineArgs.Parse("serve", argv, Valued, Flags);
        if (args.Positionals.Count > 0) throw new UsageException($"serve: unexpected argument '{args.Positionals[0]}'");
        var dev = args.Flag("dev");
        var (certFile, keyFile) = (args.Value("tls-cert"), args.Value("tls-key"));
        if ((certFile is null) != (keyFile is null)) throw new UsageException("serve: give --tls-cert and --tls-key together");
        if (certFile is null && !dev) throw new UsageException("serve: give --tls-cert and --tls-key, or --dev for a throwaway certificate");

        var listen = Parse(args.Value("listen") ?? (dev ? "https://127.0.0.1:8443" : "https://0.0.0.0:8443"), "https", "--listen");
        var metricsListen = Parse(args.Value("metrics-listen") ?? (dev ? "http://127.0.0.1:8080" : "http://0.0.0.0:8080"), "http", "--metrics-listen");
        using var devCerts = certFile is null ? DevCertificates.Create() : null;
        var offline = dev || args.Values("cluster-state").Count > 0;
        await using var live = offline ? null : LiveCluster.Connect(args.Value("kubeconfig"), args.Value("context"));
        var settings = new WebhookServerSettings
        {
            Listen = listen,
            MetricsListen = metricsListen,
            TlsCertFile = certFile ?? devCerts!.CertFile,
            TlsKeyFile = keyFile ?? devCerts!.KeyFile,
            ConfigFile = args.Value("config"),
            Http2 = args.Flag("http2"),
            HandleSignals = true,
            OnTrigger = live is null ? null : live.OnTrigger,
        };

        var server = await Start(settings, live?.Snapshots ?? FileSnapshots(args, dev), stop);
        await using (server)
        {
            live?.Start(server, server.Services.GetRequiredService<ILoggerFactory>());
            if (devCerts is not null) PrintDevHelp(console, server, devCerts);
            await server.WaitForShutdownAsync(stop);
        }
        return ExitCodes.Ok;
    }

    /// <summary>Offline mode (<c>--dev</c>, <c>--cluster-state</c>): the cluster state comes from files and no controller runs.</summary>
    private static ISnapshotProvider FileSnapshots(CommandLineArgs args, bool dev)
    {
        var paths = args.Values("cluster-state").ToList();
        if (paths.Count == 0 && dev && Directory.Exists(DefaultClusterState)) paths.Add(DefaultClusterState);
        var snapshot = paths.Count == 0 ? ClusterSnapshot.Empty : OfflineInputs.Wrap(() => ManifestLoader.LoadSnapshot(paths));
        return new FixedSnapshotProvider(snapshot);
    }

    private static async Task<WebhookServer> Start(WebhookServerSettings settings, ISnapshotProvider snapshots, CancellationToken stop)
    {
        try
        {
            return await WebhookServer.StartAsync(settings, snapshots, stop);
        }
        catch (ManifestException e)
        {
            throw new UsageException($"serve: --config {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"serve: {e.Message}");
        }
        catch (IOException e)
        {
            throw new UsageException($"serve: cannot listen: {e.Message.Split('\n')[0]}");
        }
    }

    private static ListenAddress Parse(string url, string scheme, string option)
    {
        try
        {
            return ListenAddress.Parse(url, scheme, option);
        }
        catch (FormatException e)
        {
            throw new UsageException($"serve: {e.Message}");
        }
    }

    private static void PrintDevHelp(CliConsole console, WebhookServer server, DevCertificates certs)
    {
        var url = server.AdmissionUri.ToString().TrimEnd('/');
        var sample = Directory.Exists(DemoCommand.ReviewsDirectory)
            ? $"@{Path.Combine(DemoCommand.ReviewsDirectory, "kafka-create-defaults-365d.json")}"
            : "@review.json";
        console.Out.WriteLine($"""
            strimzi-guard serving (dev) on {url}  (metrics: {server.MetricsUri}metrics)
            throwaway CA: {certs.CaFile}  (deleted on exit)
            try:
              curl --cacert {certs.CaFile} -H 'Content-Type: application/json' --data {sample} {url}/validate/cert-lifetime
            Ctrl+C stops.
            """);
        console.Out.Flush();
    }
}
