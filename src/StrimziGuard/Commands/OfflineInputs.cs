using StrimziGuard.Core;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Commands;

/// <summary>The configuration and cluster state that offline commands judge against, read from files.</summary>
internal static class OfflineInputs
{
    public static GuardOptions Options(CommandLineArgs args) => Wrap(() => GuardOptionsFile.Load(args.Value("config")));

    public static ClusterSnapshot ClusterState(CommandLineArgs args)
    {
        var paths = args.Values("cluster-state");
        return paths.Count == 0 ? ClusterSnapshot.Empty : Wrap(() => ManifestLoader.LoadSnapshot(paths));
    }

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
