using StrimziGuard.Core.Api;
using StrimziGuard.Core.Patching;

namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>
/// One write the ca-generation controller should make: a JSON Patch of one StrimziPodSet that raises some entries' key generation.
/// Every raise is guarded by <c>test</c> operations (the observed resourceVersion, the entry's pod name, the entry's current value),
/// so a write against anything but what was planned fails and is re-planned, and no value is ever lowered.
/// </summary>
public sealed record StrimziPodSetStamp(StrimziPodSet PodSet, IReadOnlyList<EntryStamp> Entries, IReadOnlyList<JsonPatchOperation> Patch)
{
    public override string ToString() =>
        $"{PodSet.Namespace}/{PodSet.Name}: " + string.Join(", ", Entries.Select(e => $"{e.PodName} {e.From}->{e.To}"));
}

/// <summary>One entry raised from <see cref="From"/> to <see cref="To"/>, and why that is safe.</summary>
public sealed record EntryStamp(int Index, string PodName, int From, int To, string Evidence);
