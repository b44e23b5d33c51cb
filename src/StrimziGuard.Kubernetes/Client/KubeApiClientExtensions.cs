using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Client;

internal static class KubeApiClientExtensions
{
    /// <summary>
    /// Every page of a list, as one list whose resourceVersion is the first page's (the continue token pins later pages to that snapshot,
    /// so a watch from it misses nothing).
    /// </summary>
    /// <param name="keep">What to keep of each object, applied page by page, so a large list never holds all its objects whole at once.</param>
    public static async Task<KubeList<T>> ListAllAsync<T>(this IKubeApiClient client, ApiResource resource, string? ns, ListOptions? options = null, int pageSize = 500,
        CancellationToken ct = default, Func<T, T>? keep = null)
        where T : class
    {
        options ??= new ListOptions();
        var first = await client.ListAsync<T>(resource, ns, options with { Limit = pageSize, Continue = null }, ct).ConfigureAwait(false);
        var all = new KubeList<T> { ApiVersion = first.ApiVersion, Kind = first.Kind, Metadata = first.Metadata, Items = keep is null ? [.. first.Items] : first.Items.ConvertAll(new Converter<T, T>(keep)) };
        var next = first.Metadata.ContinueProperty;
        while (!string.IsNullOrEmpty(next))
        {
            var page = await client.ListAsync<T>(resource, ns, options with { Limit = pageSize, Continue = next }, ct).ConfigureAwait(false);
            all.Items.AddRange(keep is null ? page.Items : page.Items.ConvertAll(new Converter<T, T>(keep)));
            next = page.Metadata.ContinueProperty;
        }
        all.Metadata = new k8s.Models.V1ListMeta { ResourceVersion = first.Metadata.ResourceVersion };
        return all;
    }

    /// <summary>The object, or null on 404.</summary>
    public static async Task<T?> TryGetAsync<T>(this IKubeApiClient client, ApiResource resource, string? ns, string name, CancellationToken ct = default)
        where T : class
    {
        try
        {
            return await client.GetAsync<T>(resource, ns, name, ct).ConfigureAwait(false);
        }
        catch (KubeNotFoundException)
        {
            return null;
        }
    }
}
