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

public static class FindingOutcomeNames
{
    /// <summary>How audit lines, audit annotations and metrics name an outcome (constant strings: this runs for every finding).</summary>
    public static string Name(this FindingOutcome outcome) => outcome switch
    {
        FindingOutcome.Allowed => "allowed",
        FindingOutcome.Patched => "patched",
        FindingOutcome.Denied => "denied",
        FindingOutcome.Warned => "warned",
        FindingOutcome.WarnedOperator => "warned-operator",
        FindingOutcome.WarnedExisting => "warned-existing",
        FindingOutcome.Audited => "audited",
        _ => "errored",
    };
}
