using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>Routes a request to the verb it means, after authentication, injected latency and injected faults; logs it with its answer.</summary>
internal sealed class FakeRequestHandler(FakeApiServer server, FakeObjectStore store, FakeApiFaults faults, FakeRequestLog log)
{
    private readonly FakeWriteHandler writes = new(store);
    private readonly FakeWatchHandler watches = new(server, store);

    public async Task HandleAsync(HttpContext ctx)
    {
        var route = FakeRoute.Parse(ctx.Request.Path.Value ?? "");
        var resource = route is null ? null : server.Resources.FirstOrDefault(r => r.Group == route.Group && r.Version == route.Version && r.Plural == route.Plural);
        var accept = ctx.Request.Headers.Accept.ToString();
        var record = new FakeRequestRecord(Verb(ctx.Request, route), route?.Group ?? "", route?.Version ?? "", route?.Plural ?? ctx.Request.Path.Value ?? "",
            route?.Namespace, route?.Name, accept.Contains("as=PartialObjectMetadata", StringComparison.Ordinal), ctx.Request.QueryString.Value ?? "")
        {
            ClientCertificate = ctx.Connection.ClientCertificate?.Subject,
            BearerToken = Bearer(ctx.Request),
        };
        // Logged on arrival, so an open watch counts at once; its StatusCode is 0 until the answer is known.
        log.Add(record);
        try
        {
            if (server.BearerToken is { } token && record.BearerToken != token)
                throw new FakeApiError(401, "Unauthorized", "Unauthorized");
            if (faults.Latency > TimeSpan.Zero) await Task.Delay(faults.Latency, ctx.RequestAborted);
            if (faults.Take(record) is { } fault) throw Injected(ctx, fault);
            if (resource is null || route is null) throw new FakeApiError(404, "NotFound", "the server could not find the requested resource");
            if (resource.Namespaced && route.Namespace is null && record.Verb is "get" or "create" or "update" or "patch" or "delete")
                throw new FakeApiError(404, "NotFound", "the server could not find the requested resource");
            var ns = resource.Namespaced ? route.Namespace : null;
            await (record.Verb switch
            {
                "get" => Get(ctx, resource, ns ?? "", route.Name!, record),
                "list" => List(ctx, resource, ns, record, accept),
                "watch" => watches.HandleAsync(ctx, resource, ns, record),
                _ => writes.HandleAsync(ctx, resource, ns ?? "", route.Name, record),
            });
            record.StatusCode = ctx.Response.StatusCode;
        }
        catch (FakeApiError e)
        {
            record.StatusCode = e.Code;
            await WriteJson(ctx, e.Code, FakeJson.Status(e.Code, e.Reason, e.Message, e.Name, e.Group, e.Kind));
        }
        catch (JsonException e)
        {
            record.StatusCode = 400;
            await WriteJson(ctx, 400, FakeJson.Status(400, "BadRequest", $"the body is not valid JSON: {e.Message}"));
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The client hung up. A write already committed keeps its code: it happened, whoever was still listening.
            if (record.StatusCode == 0) record.StatusCode = 499;
        }
        catch (Exception e)
        {
            // A bug in the test double shows as a 500 that says so, not as a dropped connection.
            record.StatusCode = 500;
            if (ctx.Response.HasStarted) ctx.Abort();
            await WriteJson(ctx, 500, FakeJson.Status(500, "InternalError", $"test double failure: {e}"));
        }
    }

    public static async Task WriteJson(HttpContext ctx, int code, JsonNode body)
    {
        if (ctx.Response.HasStarted) return;
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body.ToJsonString(), ctx.RequestAborted);
    }

    private Task Get(HttpContext ctx, FakeResource resource, string ns, string name, FakeRequestRecord record)
    {
        var obj = store.Get(resource.Group, resource.Plural, ns, name) ?? throw FakeApiError.NotFound(resource.Group, resource.Plural, name);
        return WriteJson(ctx, 200, FakeJson.Served(obj, resource, record.MetadataOnly));
    }

    private Task List(HttpContext ctx, FakeResource resource, string? ns, FakeRequestRecord record, string accept)
    {
        // The real server answers 406 when a list asks for the single-object metadata type (and vice versa).
        if (record.MetadataOnly && !accept.Contains("as=PartialObjectMetadataList", StringComparison.Ordinal))
            throw new FakeApiError(406, "NotAcceptable", "only PartialObjectMetadataList is acceptable for a list as metadata");
        var q = ctx.Request.Query;
        var match = FakeSelectors.Parse(q["labelSelector"], q["fieldSelector"]);
        int? limit = int.TryParse(q["limit"], out var l) ? l : null;
        var cont = string.IsNullOrEmpty(q["continue"]) ? null : q["continue"].ToString();
        var (version, items, next, remaining) = store.List(resource.Group, resource.Plural, ns, match, limit, cont);
        return WriteJson(ctx, 200, FakeJson.List(resource, record.MetadataOnly, version, items, next, remaining));
    }

    private static FakeApiError Injected(HttpContext ctx, FakeFault fault)
    {
        if (fault.RetryAfterSeconds is { } s) ctx.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (reason, message) = fault.StatusCode switch
        {
            429 => ("TooManyRequests", "Too many requests, please try again later."),
            503 => ("ServiceUnavailable", "the server is currently unable to handle the request"),
            _ => ("InternalError", "Internal error occurred: injected by the test double"),
        };
        return new FakeApiError(fault.StatusCode, reason, message);
    }

    private static string Verb(HttpRequest request, FakeRoute? route) => request.Method switch
    {
        "GET" when route?.Name is not null => "get",
        "GET" when request.Query["watch"] is var w && (w == "true" || w == "1") => "watch",
        "GET" => "list",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => "delete",
        _ => request.Method.ToLowerInvariant(),
    };

    private static string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } h && h.StartsWith("Bearer ", StringComparison.Ordinal) ? h["Bearer ".Length..] : null;
}
