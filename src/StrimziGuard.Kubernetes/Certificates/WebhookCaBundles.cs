using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StrimziGuard.Core.Patching;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Certificates;

/// <summary>
/// The caBundle of the guard's own two webhook configurations. GET and JSON Patch only: a configuration that is not there is
/// left absent (an uninstall or a deliberate emergency delete must stay done; peers.md pain point 3), and the patch tests the
/// resourceVersion and each webhook's name so it never lands on a configuration that changed since it was read.
/// </summary>
internal sealed class WebhookCaBundles(IKubeApiClient client, ServingCertOptions options, ILogger logger)
{
    private static readonly ApiResource[] Kinds = [KubeResources.MutatingWebhookConfigurations, KubeResources.ValidatingWebhookConfigurations];

    public async Task<IReadOnlyList<(ApiResource Resource, WebhookConfiguration Configuration)>> LoadAsync(CancellationToken ct)
    {
        var found = new List<(ApiResource, WebhookConfiguration)>();
        foreach (var kind in Kinds)
        {
            var config = await client.TryGetAsync<WebhookConfiguration>(kind, null, options.WebhookConfigurationName, ct).ConfigureAwait(false);
            if (config is null) ServingCertLog.ConfigurationMissing(logger, kind.Kind, options.WebhookConfigurationName);
            else found.Add((kind, config));
        }
        return found;
    }

    /// <summary>Every CA certificate any webhook of these configurations trusts today.</summary>
    public static IEnumerable<X509Certificate2> Trusted(IEnumerable<WebhookConfiguration> configurations) =>
        configurations.SelectMany(c => c.Entries()).SelectMany(e => CaBundle.FromBase64(e.CaBundle));

    /// <summary>Sets every webhook's caBundle to <paramref name="bundle"/>; returns false when none needed it.</summary>
    public async Task<bool> ApplyAsync(ApiResource resource, WebhookConfiguration configuration, IReadOnlyList<X509Certificate2> bundle, CancellationToken ct)
    {
        var encoded = CaBundle.ToBase64(bundle);
        var stale = configuration.Entries().Where(e => !CaBundle.SameSet(CaBundle.FromBase64(e.CaBundle), bundle)).ToArray();
        if (stale.Length == 0) return false;
        var ops = new List<JsonPatchOperation>();
        foreach (var (index, name, _) in stale)
        {
            ops.Add(JsonPatchOperation.Test($"/webhooks/{index}/name", JsonValue.Create(name)));
            // "add" sets the member whether or not it exists (RFC 6902 §4.1); clientConfig always exists (the API requires it).
            ops.Add(JsonPatchOperation.Add($"/webhooks/{index}/clientConfig/caBundle", JsonValue.Create(encoded)));
        }
        await client.PatchAsync<WebhookConfiguration>(resource, null, configuration.Name, KubePatch.Json(ops, configuration.Metadata.ResourceVersion), ct).ConfigureAwait(false);
        ServingCertLog.BundlePatched(logger, resource.Kind, configuration.Name, bundle.Count);
        return true;
    }
}
