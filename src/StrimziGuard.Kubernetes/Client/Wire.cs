using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>
/// JSON in and out of the seam, for both kinds of model it carries: KubernetesClient's typed models (Lease) through the library's
/// serializer, Core's lean read models (which keep fields they do not name) through Core's. Public for the seam's other implementations.
/// </summary>
public static class Wire
{
    public static bool IsLibraryModel<T>() => typeof(IKubernetesObject).IsAssignableFrom(typeof(T));

    public static T Read<T>(JsonNode node)
        where T : class =>
        IsLibraryModel<T>() ? KubernetesJson.Deserialize<T>(node.ToJsonString()) : Core.Api.KubeJson.Read<T>(node);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
        where T : class
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var value = IsLibraryModel<T>() || IsLibraryList<T>()
            ? KubernetesJson.Deserialize<T>(stream)
            : await JsonSerializer.DeserializeAsync<T>(stream, Core.Api.KubeJson.Options, ct).ConfigureAwait(false);
        return value ?? throw new JsonException($"the API server answered null where a {typeof(T).Name} was expected");
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync<JsonObject>(stream, Core.Api.KubeJson.Options, ct).ConfigureAwait(false)
            ?? throw new JsonException("the API server answered null where an object was expected");
    }

    /// <summary>The body of a create or replace; apiVersion and kind come from the resource when the caller left them out.</summary>
    public static string Body<T>(ApiResource resource, T obj)
        where T : class
    {
        var node = (IsLibraryModel<T>() ? JsonNode.Parse(KubernetesJson.Serialize(obj)) : Core.Api.KubeJson.ToNode(obj))!.AsObject();
        node["apiVersion"] ??= resource.ApiVersion;
        node["kind"] ??= resource.Kind;
        return node.ToJsonString(Core.Api.KubeJson.Options);
    }

    /// <summary>Namespace and name of an object of either model.</summary>
    public static (string? Namespace, string Name) Locate<T>(T obj)
        where T : class => obj switch
        {
            Core.Api.KubernetesObject o => (o.Namespace, o.Name),
            k8s.Models.IMetadata<k8s.Models.V1ObjectMeta> m => (m.Metadata?.NamespaceProperty, m.Metadata?.Name ?? ""),
            _ => throw new ArgumentException($"{typeof(T).Name} is not a Kubernetes object"),
        };

    private static bool IsLibraryList<T>() =>
        typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Models.KubeList<>) && typeof(IKubernetesObject).IsAssignableFrom(typeof(T).GetGenericArguments()[0]);
}
