using StrimziGuard.Core.Patching;

namespace StrimziGuard.Core.Admission;

/// <summary>Collects what the policies of one review said and builds the <see cref="Decision"/>.</summary>
internal sealed class DecisionReport
{
    /// <summary>kubectl prints warnings as they come; the API documentation asks for 120 characters or fewer.</summary>
    public const int MaxWarningLength = 120;

    private const int MaxAnnotationLength = 256;

    private readonly List<string> denials = [];
    private readonly List<string> errors = [];
    private readonly List<string> warnings = [];
    private readonly SortedDictionary<string, string> annotations = new(StringComparer.Ordinal);
    private readonly List<PolicyFinding> findings = [];
    private readonly List<ReconcileTrigger> triggers = [];

    public void Add(IAdmissionPolicy policy, FindingOutcome outcome, string reason)
    {
        findings.Add(new PolicyFinding(policy.Metadata.Id, outcome, reason));
        annotations[policy.Metadata.Id] = Fit($"{Name(outcome)}: {reason}", MaxAnnotationLength);
    }

    public void Deny(string message) => denials.Add(message);

    public void Trigger(IEnumerable<ReconcileTrigger> more) => triggers.AddRange(more.Except(triggers));

    public void Error(string guard, string message) => errors.Add($"[{guard}] {message}");

    public void Warn(string guard, string message) => Warn($"[{guard}] {message}");

    public void Warn(string message)
    {
        var fitted = Fit(message, MaxWarningLength);
        if (!warnings.Contains(fitted)) warnings.Add(fitted);
    }

    public Decision ToDecision(IReadOnlyList<JsonPatchOperation> patch)
    {
        var (allowed, code, message) = denials.Count > 0 ? (false, 403, string.Join(" | ", denials))
            : errors.Count > 0 ? (false, 500, string.Join(" | ", errors))
            : (true, 200, (string?)null);
        return new Decision
        {
            Allowed = allowed,
            Code = code,
            Message = message,
            Patch = allowed ? patch : [],
            Warnings = warnings,
            AuditAnnotations = annotations,
            Findings = findings,
            Triggers = triggers,
        };
    }

    public static string Name(FindingOutcome outcome) => outcome switch
    {
        FindingOutcome.WarnedOperator => "warned-operator",
        FindingOutcome.WarnedExisting => "warned-existing",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    private static string Fit(string text, int max) =>
        text.Length <= max ? text : text[..(max - 3)].TrimEnd() + "...";
}
