using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>
/// Watch streams: one JSON event per line, flushed at once. A resourceVersion older than the history gets an ERROR event with a
/// 410 Expired Status (how kube-apiserver reports "too old resource version" on an open stream). A filtered watch turns changes across
/// its selector into ADDED/DELETED. Idle streams get BOOKMARKs when asked for. A dropped watch aborts the connection.
/// </summary>
internal sealed class FakeWatchHandler(FakeApiServer server, FakeObjectStore store)
{
    public async Task HandleAsync(HttpContext ctx, FakeResource resource, string? ns, FakeRequestRecord record)
    {
        var q = ctx.Request.Query;
        var selector = FakeSelectors.Parse(q["labelSelector"], q["fieldSelector"]);
        bool Match(JsonObject? o) => o is not null && (ns is null || (string?)o["metadata"]?["namespace"] == ns) && selector(o);
        var bookmarks = q["allowWatchBookmarks"] == "true";
        var from = q["resourceVersion"].FirstOrDefault();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
        if (int.TryParse(q["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));

        var watcher = store.OpenWatch(resource.Group, resource.Plural, from, out var initial);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.StartAsync(ctx.RequestAborted);
        if (watcher is null)
        {
            var status = FakeJson.Status(410, "Expired", $"too old resource version: {from} ({store.OldestWatchableVersion})");
            await Send(ctx, "ERROR", status);
            return;
        }
        try
        {
            foreach (var o in initial.Where(o => Match(o))) await Send(ctx, "ADDED", FakeJson.Served(o, resource, record.MetadataOnly));
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, watcher.Drop.Token);
            while (!linked.IsCancellationRequested)
            {
                var next = await NextAsync(watcher, bookmarks ? server.Options.BookmarkInterval : Timeout.InfiniteTimeSpan, linked.Token);
                if (next is null)
                {
                    if (bookmarks) await SendBookmark(ctx, resource, store.BookmarkVersion(watcher));
                    continue;
                }
                watcher.LastSeen = next.ResourceVersion;
                if (Translate(next, Match) is { } type) await Send(ctx, type, FakeJson.Served(next.Object, resource, record.MetadataOnly));
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout, client gone, or a drop: handled below.
        }
        finally
        {
            store.CloseWatch(watcher);
        }
        // A dropped watch is cut like a failed network path, not closed cleanly.
        if (watcher.Drop.IsCancellationRequested) ctx.Abort();
    }

    /// <summary>The event type this watcher sees, or null when the change is outside its selector before and after.</summary>
    private static string? Translate(FakeStoredEvent e, Func<JsonObject?, bool> match)
    {
        var now = match(e.Object);
        var before = match(e.Old);
        return e.Type switch
        {
            "ADDED" => now ? "ADDED" : null,
            "DELETED" => before ? "DELETED" : null,
            _ when before && now => "MODIFIED",
            _ when now => "ADDED",
            _ when before => "DELETED",
            _ => null,
        };
    }

    private static async Task<FakeStoredEvent?> NextAsync(FakeWatcher watcher, TimeSpan idle, CancellationToken ct)
    {
        if (watcher.Events.Reader.TryRead(out var ready)) return ready;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(idle);
        try
        {
            return await watcher.Events.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static Task SendBookmark(HttpContext ctx, FakeResource resource, long version) =>
        Send(ctx, "BOOKMARK", new JsonObject
        {
            ["kind"] = resource.Kind,
            ["apiVersion"] = resource.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) },
        });

    private static async Task Send(HttpContext ctx, string type, JsonObject obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
        await ctx.Response.WriteAsync(line, ctx.RequestAborted);
        await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
    }
}
