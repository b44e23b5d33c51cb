using System.Text;
using Microsoft.AspNetCore.Http;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Web;

/// <summary>
/// <c>/healthz</c>: the process answers. <c>/readyz</c>: it should be sent reviews, which needs a serving certificate, a valid
/// configuration (the one in force always is; a failed reload is reported but keeps the previous one) and a synced cluster snapshot.
/// Once shutdown begins (the drain included) it reports not ready, so endpoints stop routing to a pod that is finishing its last reviews.
/// </summary>
internal sealed class HealthEndpoints(ServingCertificate certificate, ConfigSource config, ISnapshotProvider snapshots, Func<bool> shuttingDown)
{
    public Task Live(HttpContext context) => Write(context, StatusCodes.Status200OK, "ok\n");

    public Task Ready(HttpContext context)
    {
        var problems = new List<string>();
        if (shuttingDown()) problems.Add("shutting down");
        if (certificate.Certificate is null) problems.Add($"no serving certificate: {certificate.LastError}");
        if (snapshots.NotReadyReason is { } why) problems.Add($"cluster snapshot: {why}");
        var text = new StringBuilder();
        foreach (var p in problems) text.Append("not ready: ").Append(p).Append('\n');
        if (problems.Count == 0) text.Append("ok\n");
        if (certificate.LastError is { } certError && certificate.Certificate is not null) text.Append("warning: certificate reload failed: ").Append(certError).Append('\n');
        if (snapshots.StaleReason is { } stale) text.Append("warning: cluster snapshot may be stale: ").Append(stale).Append('\n');
        if (config.LastError is { } configError) text.Append("warning: configuration reload failed, previous one kept: ").Append(configError).Append('\n');
        return Write(context, problems.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, text.ToString());
    }

    public static Task Write(HttpContext context, int status, string text, string contentType = "text/plain; charset=utf-8")
    {
        var body = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }
}
