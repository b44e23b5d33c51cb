using StrimziGuard.Core.Patching;

namespace StrimziGuard.Core.Admission;

/// <summary>What one policy found. Modes, ratcheting and the operator exemption are applied by the dispatcher, not here.</summary>
public sealed record PolicyVerdict
{
    public static PolicyVerdict NotApplicable { get; } = new() { Applies = false, Summary = "not applicable" };

    /// <summary>False when the object is outside the policy's scope (for example a Secret nobody marked as a certificate).</summary>
    public bool Applies { get; init; } = true;

    public IReadOnlyList<Violation> Violations { get; init; } = [];

    public IReadOnlyList<JsonPatchOperation> Patch { get; init; } = [];

    /// <summary>Messages for the user that are not violations, such as what a mutation filled in.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Controller work this request should start (ignored for dry-run requests).</summary>
    public IReadOnlyList<ReconcileTrigger> Triggers { get; init; } = [];

    /// <summary>A few words for the audit annotation when nothing is wrong, e.g. <c>clusterCa 7d/2d, clientsCa 7d/2d</c>.</summary>
    public string Summary { get; init; } = "ok";

    public static PolicyVerdict Pass(string summary) => new() { Summary = summary };

    public static PolicyVerdict Fail(IReadOnlyList<Violation> violations, string summary) =>
        new() { Violations = violations, Summary = summary };

    public static PolicyVerdict Patched(IReadOnlyList<JsonPatchOperation> patch, IReadOnlyList<string> notes, string summary) =>
        new() { Patch = patch, Notes = notes, Summary = summary };
}
