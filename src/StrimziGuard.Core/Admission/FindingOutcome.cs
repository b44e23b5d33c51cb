namespace StrimziGuard.Core.Admission;

public enum FindingOutcome
{
    Allowed,
    Patched,
    Denied,
    Warned,
    /// <summary>Allowed because the writer is the Strimzi cluster operator, which the guard never blocks.</summary>
    WarnedOperator,
    /// <summary>Allowed because the UPDATE keeps a violation the object already had.</summary>
    WarnedExisting,
    Audited,
    Errored,
}
