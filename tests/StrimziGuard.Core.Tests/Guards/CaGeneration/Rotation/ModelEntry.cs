namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// One pod entry of a StrimziPodSet as the model sees it: the three CA generation annotations (null = absent), the node certificate
/// issue it was generated with, and <c>strimzi.io/revision</c>, computed once by KafkaReconciler and never recomputed (strimzi-facts §4).
/// </summary>
internal sealed record ModelEntry(string Name, int? Cc, int? Ck, int? Cl, int CertIssue, string Revision)
{
    /// <summary>What KafkaReconciler generates: current generations and a revision that hashes all of them (WorkloadUtils.createStatefulPod).</summary>
    public static ModelEntry Generate(string name, int cc, int ck, int cl, int certIssue) =>
        new(name, cc, ck, cl, certIssue, $"r{cc}.{ck}.{cl}.{certIssue}");
}
