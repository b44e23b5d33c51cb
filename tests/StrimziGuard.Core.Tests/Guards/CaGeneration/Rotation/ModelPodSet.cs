namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// A StrimziPodSet as stored: its entries and resourceVersion, plus the version before the last write, which is what a lagging
/// informer cache still holds (the PodSet controller's, and optionally the guard's; strimzi-facts §4 and "Implications").
/// </summary>
internal sealed class ModelPodSet(string name, string pool, IReadOnlyList<ModelEntry> entries)
{
    public string Name { get; } = name;

    public string Pool { get; } = pool;

    public int ResourceVersion { get; private set; } = 1000;

    public IReadOnlyList<ModelEntry> Entries { get; private set; } = entries;

    public IReadOnlyList<ModelEntry> Previous { get; private set; } = entries;

    public int PreviousResourceVersion { get; private set; } = 1000;

    /// <summary>The PodSet controller has not yet seen the last write: its next recreate from this set uses <see cref="Previous"/>.</summary>
    public bool ControllerCacheBehind { get; set; }

    /// <summary>The guard's cache has not yet seen the last write: its next plan reads <see cref="Previous"/>.</summary>
    public bool GuardCacheBehind { get; set; }

    public ModelEntry? Entry(string pod) => Entries.FirstOrDefault(e => e.Name == pod);

    public void Write(IReadOnlyList<ModelEntry> entries, bool controllerLags, bool guardLags)
    {
        Previous = Entries;
        PreviousResourceVersion = ResourceVersion;
        Entries = entries;
        ResourceVersion++;
        ControllerCacheBehind = controllerLags;
        GuardCacheBehind = guardLags;
    }
}
