using System.CommandLine;
using System.Net.Sockets;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes;
using StrimziGuard.Kubernetes.ServingCertificates;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Web;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>serve</c>: the webhook. Runs until SIGTERM or Ctrl+C, then stops accepting, finishes in-flight reviews and exits.
/// </summary>
internal static class ServeCommand
{
    /// <summary>What in-flight reviews get after the drain: more than the API server's longest webhook timeout (10 s by default).</summary>
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan DefaultShutdownDelay = TimeSpan.FromSeconds(5);

    public const string DefaultClusterState = "manifests/examples/cluster-state";

    private sealed record Args(
        string? Config, string? Listen, string? TlsCert, string? TlsKey, string[] ClusterState, string? MetricsListen, bool Http2,
        string? ShutdownDelay, bool Dev, string? Kubeconfig, string? Context, string? ClientCa);

    public static Command Create(CliConsole console)
    {
        var config = CliOptions.Config("guard configuration (YAML); validated at start, re-read when it changes");
        var listen = new Option<string?>("--listen") { Description = "admission endpoint (default https://0.0.0.0:8443; with --dev https://127.0.0.1:8443)", HelpName = "URL" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "serving certificate (PEM), re-read when it changes (e.g. a mounted Secret's tls.crt)", HelpName = "FILE" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "its private key (PEM)", HelpName = "FILE" };
        var clusterState = CliOptions.ClusterState("objects decisions may consult, from files (repeatable; with --dev default manifests/examples/cluster-state)");
        var metricsListen = new Option<string?>("--metrics-listen") { Description = "metrics endpoint (default http://0.0.0.0:8080; with --dev http://127.0.0.1:8080)", HelpName = "URL" };
        var http2 = new Option<bool>("--http2") { Description = "also offer HTTP/2 (off by default: CVE-2023-44487, HTTP/2 rapid reset)" };
        var shutdownDelay = new Option<string?>("--shutdown-delay")
        {
            Description = "on SIGTERM, keep answering this long (not ready, closing each connection) before closing the listener (default 5s, with --dev 0s; 0s to 60s); in-flight reviews then get 15s more",
            HelpName = "DURATION",
        };
        var dev = new Option<bool>("--dev") { Description = "a throwaway CA and loopback certificate in a temp dir, offline cluster state; prints a curl line" };
        var kubeconfig = CliOptions.Kubeconfig("the cluster to watch (default: in-cluster service account, $KUBECONFIG, ~/.kube/config)");
        var context = CliOptions.Context();
        var clientCa = new Option<string?>("--client-ca") { Description = "require a client certificate signed by this CA (PEM): mutual TLS with the API server", HelpName = "FILE" };
        var command = new Command("serve", """
            Run the admission webhook over HTTPS, with health and metrics.
            TLS 1.2+; /healthz and /readyz on the HTTPS port, Prometheus /metrics over plain HTTP.
            Without --dev or --cluster-state, decisions read watch caches of the cluster and the leader runs the controllers.
            Audit lines (one JSON object per decision) go to stdout, the server's own logs to stderr.
            Exit: 0 after a clean shutdown, 2 bad usage, configuration or certificate.
            """)
        {
            config, listen, tlsCert, tlsKey, clusterState, metricsListen, http2, shutdownDelay, dev, kubeconfig, context, clientCa,
        };
        command.SetAction((parse, ct) => RunAsync(console, new Args(
            parse.GetValue(config), parse.GetValue(listen), parse.GetValue(tlsCert), parse.GetValue(tlsKey), parse.GetValue(clusterState)!,
            parse.GetValue(metricsListen), parse.GetValue(http2), parse.GetValue(shutdownDelay), parse.GetValue(dev),
            parse.GetValue(kubeconfig), parse.GetValue(context), parse.GetValue(clientCa)), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, Args args, CancellationToken stop)
    {
        var dev = args.Dev;
        var (certFile, keyFile) = (args.TlsCert, args.TlsKey);
        if ((certFile is null) != (keyFile is null)) throw new UsageException("serve: give --tls-cert and --tls-key together");
        if (certFile is null && !dev) throw new UsageException("serve: give --tls-cert and --tls-key, or --dev for a throwaway certificate");

        var listen = Parse(args.Listen ?? (dev ? "https://127.0.0.1:8443" : "https://0.0.0.0:8443"), "https", "--listen");
        var metricsListen = Parse(args.MetricsListen ?? (dev ? "http://127.0.0.1:8080" : "http://0.0.0.0:8080"), "http", "--metrics-listen");
        var shutdownDelay = ShutdownDelay(args.ShutdownDelay, dev);
        EnsureFree(listen, "--listen");
        EnsureFree(metricsListen, "--metrics-listen");
        using var devCerts = certFile is null ? DevCertificates.Create() : null;
        var offline = dev || args.ClusterState.Length > 0;
        await using var live = offline ? null : LiveCluster.Connect(args.Kubeconfig, args.Context, rotateServingCertificate: true);
        live?.Start();
        using var fromApi = live?.ServingSecret is { } secret ? await ServingFilesAsync(secret, certFile!, keyFile!, stop) : null;
        (certFile, keyFile) = fromApi is null ? (certFile, keyFile) : (fromApi.CertFile, fromApi.KeyFile);
        var settings = new WebhookServerSettings
        {
            Listen = listen,
            MetricsListen = metricsListen,
            TlsCertFile = certFile ?? devCerts!.CertFile,
            TlsKeyFile = keyFile ?? devCerts!.KeyFile,
            ConfigFile = args.Config,
            Http2 = args.Http2,
            ClientCaFile = args.ClientCa,
            HandleSignals = true,
            ShutdownDelay = shutdownDelay,
            ShutdownTimeout = shutdownDelay + InFlightGrace,
            OnTrigger = live is null ? null : live.OnTrigger,
        };

        var server = await Start(settings, live?.Snapshots ?? FileSnapshots(args, dev), stop);
        await using (server)
        {
            // Offline, all the server will hold is loaded: give back what reading the files and starting took before the first review.
            // Live, the snapshot source does it once its watch caches have synced.
            if (live is null) StartupMemory.Release();
            live?.Start(server);
            if (live?.ServingSecret is { } serving)
            {
                // Every renewal the leader writes reaches this replica through the API and is served from the next handshake.
                serving.Updated += c => server.Certificate.Use(c.Certificate);
                if (serving.Current is { } latest) server.Certificate.Use(latest.Certificate);
            }
            if (devCerts is not null) PrintDevHelp(console, server, devCerts);
            await server.WaitForShutdownAsync(stop);
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The mounted files when the Secret was there at pod start; on a fresh install (the Secret volume is optional and empty) the
    /// certificate the leader is about to create, read through the API and written to a private temp directory.
    /// </summary>
    private static async Task<PemFiles?> ServingFilesAsync(ServingSecretSource serving, string certFile, string keyFile, CancellationToken stop)
    {
        if (File.Exists(certFile) && File.Exists(keyFile)) return null;
        var first = await serving.WaitForCertificateAsync(TimeSpan.FromMinutes(2), stop)
            ?? throw new UsageException($"serve: no serving certificate: {certFile} does not exist and Secret {serving.SecretName} did not appear within 2 minutes");
        return PemFiles.Write(first);
    }

    /// <summary>Offline mode (<c>--dev</c>, <c>--cluster-state</c>): the cluster state comes from files and no controller runs.</summary>
    private static ISnapshotProvider FileSnapshots(Args args, bool dev)
    {
        var paths = args.ClusterState.ToList();
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

    /// <summary>
    /// A port already taken is one line, said before anything starts (Kestrel's own failure comes with a logged stack trace).
    /// </summary>
    private static void EnsureFree(ListenAddress address, string option)
    {
        if (address.Port == 0) return;
        using var socket = new Socket(address.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        // As Kestrel binds: a port with connections only in TIME_WAIT is free.
        if (!OperatingSystem.IsWindows()) socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(address.EndPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new UsageException($"serve: {option} {address.Scheme}://{address.EndPoint}: port {address.Port} is already in use (another strimzi-guard?); stop that process or give another {option}");
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AccessDenied or SocketError.AddressNotAvailable)
        {
            throw new UsageException($"serve: {option} {address.Scheme}://{address.EndPoint}: cannot listen there ({(e.SocketErrorCode == SocketError.AccessDenied ? "permission denied" : "no such local address")})");
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
