using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Commands;

/// <summary>The configuration and cluster state that offline commands judge against, read from files.</summary>
internal static class OfflineInputs
{
    public static GuardOptions Options(string? config) => Wrap(() => GuardOptionsFile.Load(config));

    public static ClusterSnapshot ClusterState(IReadOnlyList<string> paths) =>
        paths.Count == 0 ? ClusterSnapshot.Empty : Wrap(() => ManifestLoader.LoadSnapshot(paths));

    public static T Wrap<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ManifestException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
