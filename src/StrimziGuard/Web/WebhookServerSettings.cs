namespace StrimziGuard.Web;

/// <summary>How one webhook server listens and what it serves. <c>serve</c>, <c>demo</c>, the tests and the benchmark all build one.</summary>
internal sealed record WebhookServerSettings
{
    /// <summary>HTTPS endpoint for admission and health; port 0 picks a free port (tests, demo).</summary>
    public required ListenAddress Listen { get; init; }

    /// <summary>Plain-HTTP endpoint for <c>/metrics</c> (and health, for probes that cannot do TLS); null serves no metrics port.</summary>
    public ListenAddress? MetricsListen { get; init; }

    public required string TlsCertFile { get; init; }

    public required string TlsKeyFile { get; init; }

    /// <summary>
    /// Off by default: HTTP/2 rapid reset (CVE-2023-44487) lets one client open and cancel streams faster than the server can refuse
    /// them; the API server speaks HTTP/1.1 to webhooks just as well, so Kubebuilder-style servers turn HTTP/2 off.
    /// </summary>
    public bool Http2 { get; init; }

    /// <summary>
    /// The API server gives a webhook at most <c>timeoutSeconds</c> (10 s by default, our manifests use 5 s); a request that cannot
    /// even deliver its body in 4 s is answered 408 so the connection does not linger past the caller's own deadline.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// SIGTERM: the drain (<see cref="ShutdownDelay"/>), then stop accepting, let in-flight reviews finish, and give up after this long in
    /// all. Under the pod's 30 s grace period (manifests/base/deployment.yaml) so the kubelet never SIGKILLs us half-way through a response.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// SIGTERM: keep answering this long before closing the listener (<see cref="ShutdownDrain"/>); part of <see cref="ShutdownTimeout"/>.
    /// Zero for hosts embedded in tests, demo and the benchmark; <c>serve</c> defaults to 5 s.
    /// </summary>
    public TimeSpan ShutdownDelay { get; init; }

    /// <summary>
    /// How often the certificate and config files may be re-read. Once a second costs nothing measurable and picks up a Secret
    /// rotation within a second of kubelet swapping the volume (which itself lags up to a minute or so).
    /// </summary>
    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>PEM CA that client certificates must chain to (mutual TLS, <see cref="ClientCertificateAuth"/>); null: no client certificate asked for.</summary>
    public string? ClientCaFile { get; init; }

    /// <summary>The guard configuration file (YAML); null uses the defaults and never reloads.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Where audit lines go; null writes them to standard output.</summary>
    public Stream? AuditOutput { get; init; }

    /// <summary>Lines that may wait for the audit writer before new ones are dropped (and counted) rather than block a request.</summary>
    public int AuditQueueCapacity { get; init; } = 8192;

    /// <summary>Adds log providers; null logs JSON to standard error (standard output carries only audit lines).</summary>
    public Action<Microsoft.Extensions.Logging.ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Handle SIGTERM and Ctrl+C (serve); off for hosts embedded in tests, demo and the benchmark.</summary>
    public bool HandleSignals { get; init; }

    /// <summary>Controller work the decisions ask for (e.g. the operator started a trust roll); called before the answer is sent, never for dry-run.</summary>
    public Action<Core.Admission.ReconcileTrigger>? OnTrigger { get; init; }
}
