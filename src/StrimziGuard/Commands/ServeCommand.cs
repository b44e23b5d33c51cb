using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using StrimziGuard.Kubernetes.Certificates;
using StrimziGuard.Kubernetes.Client;
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
                                   [--metrics-listen URL] [--http2] [--shutdown-delay DURATION] [--dev]
                                   [--kubeconfig FILE] [--context NAME] [--client-ca FILE]

        Serves the admission webhooks over HTTPS (TLS 1.2+), health on /healthz and /readyz, Prometheus metrics over plain HTTP.
        Audit lines (one JSON object per decision) go to stdout, the server's own logs to stderr.
          --config FILE          guard configuration (YAML); validated at start, re-read when it changes
          --listen URL           admission endpoint (default https://0.0.0.0:8443; with --dev https://127.0.0.1:8443)
          --tls-cert FILE        serving certificate (PEM), re-read when it changes (e.g. a mounted Secret's tls.crt)
          --tls-key FILE         its private key (PEM)
          --cluster-state PATH   objects decisions may consult, from files (repeatable; with --dev default manifests/examples/cluster-state)
          --metrics-listen URL   metrics endpoint (default http://0.0.0.0:8080; with --dev http://127.0.0.1:8080)
          --http2                also offer HTTP/2 (off by default: CVE-2023-44487, HTTP/2 rapid reset)
          --shutdown-delay DUR   on SIGTERM, keep answering this long (not ready, closing each connection) before closing the
                                 listener, while endpoints stop routing here (default 5s, with --dev 0s; 0s to 60s); in-flight
                                 reviews then get 15s more, so the pod's terminationGracePeriodSeconds must exceed both
          --kubeconfig FILE      the cluster to watch (default: in-cluster service account, $KUBECONFIG, ~/.kube/config);
                                 without --dev or --cluster-state, decisions read watch caches and the leader runs the controllers
          --context NAME         a kubeconfig context other than the current one
          --client-ca FILE       require a client certificate signed by this CA (PEM): mutual TLS with the API server
          --dev                  a throwaway CA and loopback certificate in a temp dir, offline cluster state; prints a curl line
        Exit: 0 after a clean shutdown, 2 bad usage, configuration or certificate.
        """;

    /// <summary>What in-flight reviews get after the drain: more than the API server's longest webhook timeout (10 s by default).</summary>
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan DefaultShutdownDelay = TimeSpan.FromSeconds(5);

    public const string DefaultClusterState = "manifests/examples/cluster-state";

    private static readonly HashSet<string> Valued = ["config", "listen", "tls-cert", "tls-key", "cluster-state", "metrics-listen", "kubeconfig", "context", "client-ca", "shutdown-delay"];

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
        var shutdownDelay = ShutdownDelay(args.Value("shutdown-delay"), dev);
        using var devCerts = certFile is null ? DevCertificates.Create() : null;
        var offline = dev || args.Values("cluster-state").Count > 0;
        await using var live = offline ? null : LiveCluster.Connect(args.Value("kubeconfig"), args.Value("context"));
        await using var serving = live is null ? null : StartServingCertificates(live.Client);
        using var fromApi = serving is null ? null : await ServingFilesAsync(serving, certFile!, keyFile!, stop);
        (certFile, keyFile) = fromApi is null ? (certFile, keyFile) : (fromApi.CertFile, fromApi.KeyFile);
        var settings = new WebhookServerSettings
        {
            Listen = listen,
            MetricsListen = metricsListen,
            TlsCertFile = certFile ?? devCerts!.CertFile,
            TlsKeyFile = keyFile ?? devCerts!.KeyFile,
            ConfigFile = args.Value("config"),
            Http2 = args.Flag("http2"),
            ClientCaFile = args.Value("client-ca"),
            HandleSignals = true,
            ShutdownDelay = shutdownDelay,
            ShutdownTimeout = shutdownDelay + InFlightGrace,
            OnTrigger = live is null ? null : live.OnTrigger,
        };

        var server = await Start(settings, live?.Snapshots ?? FileSnapshots(args, dev), stop);
        await using (server)
        {
            live?.Start(server, server.Services.GetRequiredService<ILoggerFactory>());
            if (serving is not null)
            {
                // Every renewal the leader writes reaches this replica through the API and is served from the next handshake.
                serving.Source.Updated += c => server.Certificate.Use(c.Certificate);
                if (serving.Source.Current is { } latest) server.Certificate.Use(latest.Certificate);
            }
            if (devCerts is not null) PrintDevHelp(console, server, devCerts);
            await server.WaitForShutdownAsync(stop);
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Against a cluster, the serving certificate rotates itself (Kubernetes/Certificates): every replica watches the serving Secret,
    /// the holder of its own Lease renews it. Logs go to stderr like the server's. It shares the cluster's one client and identity.
    /// </summary>
    private static ServingCertRuntime StartServingCertificates(IKubeApiClient client)
    {
        var loggers = LoggerFactory.Create(b =>
        {
            b.AddJsonConsole(o => o.UseUtcTimestamp = true).AddFilter((_, level) => level >= LogLevel.Information);
            b.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        var identity = Environment.GetEnvironmentVariable("POD_NAME") ?? $"{Environment.MachineName}-{Guid.NewGuid():N}";
        var options = new ServingCertOptions { Namespace = Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "strimzi-guard" };
        var runtime = new ServingCertRuntime(client, identity, options, loggers);
        runtime.Start();
        return runtime;
    }

    /// <summary>
    /// The mounted files when the Secret was there at pod start; on a fresh install (the Secret volume is optional and empty) the
    /// certificate the leader is about to create, read through the API and written to a private temp directory.
    /// </summary>
    private static async Task<PemFiles?> ServingFilesAsync(ServingCertRuntime serving, string certFile, string keyFile, CancellationToken stop)
    {
        if (File.Exists(certFile) && File.Exists(keyFile)) return null;
        var first = await serving.WaitForCertificateAsync(TimeSpan.FromMinutes(2), stop)
            ?? throw new UsageException($"serve: no serving certificate: {certFile} does not exist and Secret {serving.SecretName} did not appear within 2 minutes");
        return PemFiles.Write(first);
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

    private static TimeSpan ShutdownDelay(string? text, bool dev)
    {
        // --dev runs on a workstation: Ctrl+C should stop it at once, no endpoints are routing to it.
        if (text is null) return dev ? TimeSpan.Zero : DefaultShutdownDelay;
        if (!Core.Certificates.GoDuration.TryParse(text, out var delay, out var error))
            throw new UsageException($"serve: --shutdown-delay \"{text}\" {error}");
        if (delay < TimeSpan.Zero || delay > ShutdownDrain.MaxDelay)
            throw new UsageException($"serve: --shutdown-delay {text}: give 0s to {ShutdownDrain.MaxDelay.TotalSeconds:0}s (e.g. 5s)");
        return delay;
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
