using Microsoft.Extensions.Logging;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>
/// The caBundle I/O of the guard's own two webhook configurations. GET and JSON Patch only: a configuration that is not there is
/// left absent (an uninstall or a deliberate emergency delete must stay done; peers.md pain point 3). What to patch is
/// <see cref="ServingCertPlanner"/>'s decision.
/// </summary>
internal sealed class WebhookCaBundles(IKubeApiClient client, ServingCertOptions options, ILogger logger)
{
    private static readonly ApiResource[] Kinds = [KubeResources.MutatingWebhookConfigurations, KubeResources.ValidatingWebhookConfigurations];

    public async Task<IReadOnlyList<ObservedConfiguration>> LoadAsync(CancellationToken ct)
    {
        var found = new List<ObservedConfiguration>();
        foreach (var kind in Kinds)
        {
            var config = await client.TryGetAsync<WebhookConfiguration>(kind, null, options.WebhookConfigurationName, ct).ConfigureAwait(false);
            if (config is null) ServingCertLog.ConfigurationMissing(logger, kind.Kind, options.WebhookConfigurationName);
            else found.Add(new ObservedConfiguration(kind, config));
        }
        return found;
    }

    public async Task ApplyAsync(CaBundleWrite write, CancellationToken ct)
    {
        await client.PatchAsync<WebhookConfiguration>(write.Resource, null, write.Name, KubePatch.Json(write.Patch, write.ResourceVersion), ct).ConfigureAwait(false);
        ServingCertLog.BundlePatched(logger, write.Resource.Kind, write.Name, write.BundleSize);
    }
}
