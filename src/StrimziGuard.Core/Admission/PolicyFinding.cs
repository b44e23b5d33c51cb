using System.Text.Json;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// What became of one policy's verdict in a decision; one audit annotation and one log field each. A finding about a violation quotes
/// its first one (<c>path: finding</c>) and is written from the violation's own words into the answer and the audit line: as strings of
/// their own, the reason and the annotation (<c>denied: </c> and the reason) were two more copies of the sentence in every denial.
/// </summary>
public sealed record PolicyFinding
{
    private readonly Violation? first;
    private readonly int more;
    private string? reason;

    public PolicyFinding(string policyId, FindingOutcome outcome, string reason)
    {
        PolicyId = policyId;
        Outcome = outcome;
        this.reason = reason;
    }

    /// <summary>A finding about <paramref name="first"/> and <paramref name="more"/> violations after it.</summary>
    internal PolicyFinding(string policyId, FindingOutcome outcome, Violation first, int more)
    {
        PolicyId = policyId;
        Outcome = outcome;
        this.first = first;
        this.more = more;
    }

    /// <summary>The longest audit annotation value; a longer one is cut, ending in <c>...</c>.</summary>
    internal const int MaxAnnotationLength = 256;

    public string PolicyId { get; }

    public FindingOutcome Outcome { get; }

    public string Reason => reason ??= string.Concat(first!.Path.ToString(), ": ", first.Finding, More);

    /// <summary>The audit annotation's value: the outcome and the reason, cut to <see cref="MaxAnnotationLength"/>.</summary>
    internal string Annotation => DecisionReport.Fit($"{Outcome.Name()}: {Reason}", MaxAnnotationLength);

    private string More => more > 0 ? $" (+{more} more)" : "";

    /// <summary>The reason as a JSON string value, in pieces (after its property name).</summary>
    public void WriteReason(Utf8JsonWriter json)
    {
        WriteReasonSegments(json);
        json.WriteStringValueSegment("", isFinalSegment: true);
    }

    /// <summary>The reason's pieces, not final: for a value that goes on.</summary>
    public void WriteReasonSegments(Utf8JsonWriter json)
    {
        if (first is null || reason is not null)
        {
            json.WriteStringValueSegment(Reason, isFinalSegment: false);
            return;
        }
        json.WriteStringValueSegment(first.Path.ToString(), isFinalSegment: false);
        json.WriteStringValueSegment(": ", isFinalSegment: false);
        json.WriteStringValueSegment(first.Finding, isFinalSegment: false);
        if (more > 0) json.WriteStringValueSegment(More, isFinalSegment: false);
    }

    /// <summary>The audit annotation as a JSON string value, in pieces when it is not cut.</summary>
    internal void WriteAnnotation(Utf8JsonWriter json)
    {
        var outcome = Outcome.Name();
        if (outcome.Length + 2 + ReasonLength > MaxAnnotationLength)
        {
            json.WriteStringValue(Annotation);
            return;
        }
        json.WriteStringValueSegment(outcome, isFinalSegment: false);
        json.WriteStringValueSegment(": ", isFinalSegment: false);
        WriteReason(json);
    }

    private int ReasonLength => first is null || reason is not null
        ? Reason.Length
        : first.Path.ToString().Length + 2 + first.Finding.Length + More.Length;

    public bool Equals(PolicyFinding? other) =>
        other is not null && PolicyId == other.PolicyId && Outcome == other.Outcome && Reason == other.Reason;

    public override int GetHashCode() => HashCode.Combine(PolicyId, Outcome, Reason);

    public void Deconstruct(out string policyId, out FindingOutcome outcome, out string reason) => (policyId, outcome, reason) = (PolicyId, Outcome, Reason);
}
