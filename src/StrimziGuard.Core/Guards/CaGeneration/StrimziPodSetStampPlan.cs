namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>The writes to make for one cluster, the entries left behind on purpose (with why), and what started the plan.</summary>
public sealed record StrimziPodSetStampPlan(IReadOnlyList<StrimziPodSetStamp> Writes, IReadOnlyList<string> Skipped, string Reason)
{
    public static StrimziPodSetStampPlan Nothing(string reason) => new([], [], reason);
}
