using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>
/// create, update (PUT), patch and delete with the API's concurrency rules: AlreadyExists on create, 409 on a stale resourceVersion,
/// JSON Patch with <c>test</c> (a failed test is 422, like kube-apiserver's patch handler) and merge patch, both applied by the test
/// double's own code (<see cref="FakeJsonPatch"/>, <see cref="FakeMergePatch"/>), delete preconditions.
/// Strategic merge and server-side apply are not supported (415): the guard does not send them.
/// </summary>
internal sealed class FakeWriteHandler(FakeObjectStore store)
{
    public async Task HandleAsync(HttpContext ctx, FakeResource resource, string ns, string? name, FakeRequestRecord record)
    {
        var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync(ctx.RequestAborted);
        switch (record.Verb)
        {
            case "create" when name is null:
                await Respond(ctx, record, 201, resource, Create(resource, ns, Object(body)));
                break;
            case "update" when name is not null:
                var replacement = Normalize(Object(body), resource, ns);
                await Respond(ctx, record, 200, resource, store.Update(resource.Group, resource.Plural, ns, name, _ => replacement));
                break;
            case "patch" when name is not null:
                record.Detail = ctx.Request.ContentType;
                await Respond(ctx, record, 200, resource, Patch(resource, ns, name, ctx.Request.ContentType ?? "", body));
                break;
            case "delete" when name is not null:
                var options = body.Length > 0 ? Object(body) : new JsonObject();
                var policy = (string?)options["propagationPolicy"] ?? ctx.Request.Query["propagationPolicy"].FirstOrDefault();
                record.Detail = policy;
                store.Delete(resource.Group, resource.Plural, ns, name, (string?)options["preconditions"]?["resourceVersion"]);
                record.StatusCode = 200;
                await FakeRequestHandler.WriteJson(ctx, 200, FakeJson.Status(200, "", "", name, resource.Group, resource.Plural));
                break;
            default:
                throw new FakeApiError(405, "MethodNotAllowed", $"{record.Verb} is not supported here by the test double");
        }
    }

    private JsonObject Create(FakeResource resource, string ns, JsonObject obj)
    {
        var meta = obj["metadata"] as JsonObject ?? throw FakeApiError.Invalid("metadata is required");
        if ((string?)meta["namespace"] is { Length: > 0 } bodyNs && resource.Namespaced && bodyNs != ns)
            throw FakeApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        var name = (string?)meta["name"];
        if (string.IsNullOrEmpty(name) && (string?)meta["generateName"] is { Length: > 0 } prefix)
            meta["name"] = name = prefix + Guid.NewGuid().ToString("N")[..5];
        if (string.IsNullOrEmpty(name)) throw FakeApiError.Invalid($"{resource.Kind} \"\" is invalid: metadata.name: Required value: name or generateName is required");
        meta.Remove("resourceVersion");
        return store.Create(resource.Group, resource.Plural, ns, name, Normalize(obj, resource, ns));
    }

    private JsonObject Patch(FakeResource resource, string ns, string name, string contentType, string body)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        Func<JsonObject, JsonNode?> apply;
        if (mediaType == "application/json-patch+json")
        {
            // A malformed body is 400 before the object is even looked at, as in the API server.
            var ops = FakeJsonPatch.Parse(body);
            apply = current => FakeJsonPatch.Apply(current, ops);
        }
        else if (mediaType == "application/merge-patch+json")
        {
            var patch = JsonNode.Parse(body);
            apply = current => FakeMergePatch.Apply(current, patch);
        }
        else
        {
            throw new FakeApiError(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json (the test double does not do {mediaType})");
        }
        return store.Update(resource.Group, resource.Plural, ns, name, current =>
            Normalize(apply(current) as JsonObject ?? throw FakeApiError.Invalid("the patched object is not a JSON object"), resource, ns));
    }

    private static JsonObject Normalize(JsonObject obj, FakeResource resource, string ns)
    {
        obj["apiVersion"] = resource.ApiVersion;
        obj["kind"] = resource.Kind;
        var meta = obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());
        if (resource.Namespaced) meta["namespace"] = ns;
        else meta.Remove("namespace");
        return obj;
    }

    private static JsonObject Object(string body) =>
        JsonNode.Parse(body) as JsonObject ?? throw FakeApiError.BadRequest("the request body must be a JSON object");

    /// <summary>The write is committed: its code is recorded before the answer is sent, so a client that gives up on the answer (a
    /// timeout, a cancelled term) still shows in the log as a write that landed, as it has in the API server.</summary>
    private static Task Respond(HttpContext ctx, FakeRequestRecord record, int code, FakeResource resource, JsonObject stored)
    {
        record.StatusCode = code;
        return FakeRequestHandler.WriteJson(ctx, code, FakeJson.Served(stored, resource, metadataOnly: false));
    }
}
