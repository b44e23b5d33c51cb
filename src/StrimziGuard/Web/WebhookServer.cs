using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StrimziGuard.Core;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Web;

/// <summary>
/// The webhook host: Kestrel with admission and health over HTTPS, metrics (and health) over plain HTTP on a second port, and the
/// reloaders, metrics and audit writer around them. <c>serve</c>, <c>demo</c>, the tests and the benchmark all start this one host.
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Timer reloadTimer;
    private readonly PrometheusExporter exporter;
    private int stopped;

    private WebhookServer(WebApplication app, ServingCertificate certificate, ConfigSource config, GuardMetrics metrics, AuditWriter audit, PrometheusExporter exporter, TimeSpan reloadInterval)
    {
        this.app = app;
        Certificate = certificate;
        Config = config;
        Metrics = metrics;
        Audit = audit;
        this.exporter = exporter;
        reloadTimer = new Timer(_ => { certificate.Check(); config.Check(); }, null, reloadInterval, reloadInterval);
    }

    public ServingCertificate Certificate { get; }

    public ConfigSource Config { get; }

    public GuardMetrics Metrics { get; }

    public AuditWriter Audit { get; }

    public Uri AdmissionUri { get; private set; } = null!;

    public Uri? MetricsUri { get; private set; }

    public IServiceProvider Services => app.Services;

    /// <summary>Starts listening; throws <see cref="Kubernetes.Manifests.ManifestException"/> for a bad config file before binding anything.</summary>
    public static async Task<WebhookServer> StartAsync(WebhookServerSettings settings, ISnapshotProvider snapshots, CancellationToken cancel = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "strimzi-guard", EnvironmentName = Environments.Production });
        builder.Services.AddLogging(logging =>
        {
            if (settings.ConfigureLogging is { } configure) configure(logging);
            else logging.AddJsonConsole(o => o.UseUtcTimestamp = true).AddFilter((category, level) => level >= LogLevel.Information);
            // Kestrel's per-request and per-connection logs would cost more than the decision; we log what matters ourselves.
            logging.AddFilter("Microsoft", LogLevel.Warning);
            // While this category is on at any level, ASP.NET Core starts an Activity and a log scope for every request (measured:
            // about 2% of a request's CPU); it only writes "request starting/finished" lines, at Information.
            logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        if (!settings.HandleSignals) builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(services => new ShutdownDrain(settings.ShutdownDelay, services.GetRequiredService<ILoggerFactory>().CreateLogger("StrimziGuard.Web")));
        builder.Services.AddHostedService(services => services.GetRequiredService<ShutdownDrain>());

        ServingCertificate? certificate = null;
        var clientAuth = settings.ClientCaFile is { } clientCa ? new ClientCertificateAuth(clientCa) : null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = AdmissionEndpoints.MaxBodyBytes;
            kestrel.Limits.RequestHeadersTimeout = settings.RequestTimeout;
            kestrel.Listen(settings.Listen.EndPoint, listen =>
            {
                listen.Protocols = settings.Http2 ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = _ => ValueTask.FromResult(clientAuth is null ? certificate!.ForHandshake() : clientAuth.Require(certificate!.ForHandshake())),
                    HandshakeTimeout = settings.RequestTimeout,
                });
            });
            if (settings.MetricsListen is { } metricsListen) kestrel.Listen(metricsListen.EndPoint, listen => listen.Protocols = HttpProtocols.Http1);
        });

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("StrimziGuard.Web");
        ConfigSource config;
        try
        {
            config = new ConfigSource(settings.ConfigFile, logger);
            certificate = new ServingCertificate(settings.TlsCertFile, settings.TlsKeyFile, settings.Http2, settings.ReloadInterval, logger);
            if (certificate.Certificate is null) throw new InvalidDataException($"serving certificate: {certificate.LastError}");
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var audit = new AuditWriter(settings.AuditOutput ?? new BufferedStream(Console.OpenStandardOutput(), 64 * 1024), settings.AuditQueueCapacity, logger);
        var metrics = new GuardMetrics(() => certificate.Certificate?.NotAfter, () => audit.Dropped, () => config.LastError is null, () => snapshots.StaleReason is not null);
        var exporter = new PrometheusExporter(metrics.Meter);
        var server = new WebhookServer(app, certificate, config, metrics, audit, exporter, settings.ReloadInterval);

        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var drain = app.Services.GetRequiredService<ShutdownDrain>();
        var health = new HealthEndpoints(certificate, config, snapshots, () => drain.Draining || lifetime.ApplicationStopping.IsCancellationRequested);
        var admission = new AdmissionEndpoints(new AdmissionDispatcher(PolicyCatalog.Default), snapshots, config, metrics, audit, settings.RequestTimeout, logger, settings.OnTrigger);
        app.Use(drain.Middleware);
        app.MapGet("/healthz", health.Live);
        app.MapGet("/readyz", health.Ready);
        app.MapGet("/metrics", context => context.Request.IsHttps
            ? HealthEndpoints.Write(context, StatusCodes.Status404NotFound, "metrics are served on the metrics port\n")
            : HealthEndpoints.Write(context, StatusCodes.Status200OK, exporter.Scrape(), PrometheusExporter.ContentType));
        foreach (var webhook in PolicyCatalog.Default.Webhooks) app.MapPost(webhook.Path, admission.For(webhook));

        await app.StartAsync(cancel);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        server.AdmissionUri = new Uri(addresses.First(a => a.StartsWith("https:", StringComparison.Ordinal)));
        server.MetricsUri = addresses.FirstOrDefault(a => a.StartsWith("http:", StringComparison.Ordinal)) is { } m ? new Uri(m) : null;
        WebLog.Listening(logger, server.AdmissionUri.ToString(), server.MetricsUri?.ToString() ?? "(none)");
        return server;
    }

    /// <summary>Completes when shutdown was requested (SIGTERM, Ctrl+C, or <see cref="StopAsync"/>) and in-flight reviews are done.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancel = default)
    {
        await app.WaitForShutdownAsync(cancel);
        await StopAsync(CancellationToken.None);
    }

    /// <summary>Stops accepting, finishes in-flight reviews (bounded by the shutdown timeout), then flushes the audit trail.</summary>
    public async Task StopAsync(CancellationToken cancel = default)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1) return;
        await app.StopAsync(cancel);
        await reloadTimer.DisposeAsync();
        await Audit.DisposeAsync();
        exporter.Dispose();
        Metrics.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>For hosts inside tests, demo and the benchmark: no signal handlers, so only the owner stops them.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
