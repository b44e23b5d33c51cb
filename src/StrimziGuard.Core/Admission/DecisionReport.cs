using StrimziGuard.Core.Patching;

namespace StrimziGuard.Core.Admission;

/// <summary>Collects what the policies of one review said and builds the <see cref="Decision"/>.</summary>
internal sealed class DecisionReport
{
    /// <summary>kubectl prints warnings as they come; the API documentation asks for 120 characters or fewer.</summary>
    public const int MaxWarningLength = 120;

    // Made on first use: most reviews have one finding and nothing else, and each empty collection was garbage for every review.
    private List<Violation>? denials;
    private List<string>? errors;
    private List<string>? warnings;
    private AuditAnnotationSet? annotations;
    private List<PolicyFinding>? findings;
    private List<ReconcileTrigger>? triggers;

    public void Add(IAdmissionPolicy policy, FindingOutcome outcome, string reason) => Add(new PolicyFinding(policy.Metadata.Id, outcome, reason));

    /// <summary>A finding about the verdict's violations: its reason quotes the first.</summary>
    public void Add(IAdmissionPolicy policy, FindingOutcome outcome, IReadOnlyList<Violation> violations) =>
        Add(new PolicyFinding(policy.Metadata.Id, outcome, violations[0], violations.Count - 1));

    private void Add(PolicyFinding finding)
    {
        (findings ??= new(1)).Add(finding);
        (annotations ??= new()).Set(finding);
    }

    public void Deny(Violation violation) => (denials ??= []).Add(violation);

    public void Trigger(IReadOnlyList<ReconcileTrigger> more)
    {
        if (more.Count == 0) return;
        triggers ??= [];
        triggers.AddRange(more.Except(triggers));
    }

    public void Error(string guard, string message) => (errors ??= []).Add($"[{guard}] {message}");

    public void Warn(string guard, string message) => Warn($"[{guard}] {message}");

    public void Warn(string message)
    {
        var fitted = Fit(message, MaxWarningLength);
        warnings ??= [];
        if (!warnings.Contains(fitted)) warnings.Add(fitted);
    }

    public Decision ToDecision(IReadOnlyList<JsonPatchOperation> patch)
    {
        var (allowed, code, message) = denials is not null ? (false, 403, null)
            : errors is not null ? (false, 500, string.Join(" | ", errors))
            : (true, 200, (string?)null);
        return new Decision
        {
            Allowed = allowed,
            Code = code,
            Message = message,
            Denied = denials,
            Patch = allowed ? patch : [],
            Warnings = warnings ?? (IReadOnlyList<string>)[],
            AuditAnnotations = annotations ?? Decision.NoAnnotations,
            Findings = findings ?? (IReadOnlyList<PolicyFinding>)[],
            Triggers = triggers ?? (IReadOnlyList<ReconcileTrigger>)[],
        };
    }

    internal static string Fit(string text, int max) =>
        text.Length <= max ? text : text[..(max - 3)].TrimEnd() + "...";
}
