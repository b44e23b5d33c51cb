using System.Text.Json;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// One thing wrong with an object, in the user's words: <c>[policy] field.path: finding; fix</c>.
/// <see cref="Fingerprint"/> identifies the same violation across an UPDATE, for ratcheting.
/// </summary>
public sealed record Violation(string Guard, FieldPath Path, string Finding, string Fix)
{
    private readonly string? fingerprint;

    /// <summary>
    /// Defaults to path and finding; a policy sets it when the finding's words could change while the violation stays the same. The
    /// default is made when asked (only an UPDATE's ratchet asks), not for every violation of every review.
    /// </summary>
    public string Fingerprint { get => fingerprint ?? $"{Path}|{Finding}"; init => fingerprint = value; }

    public string Message => $"[{Guard}] {Path}: {Finding}; {Fix}";

    /// <summary>Between the messages of a denial's violations.</summary>
    internal const string Separator = " | ";

    internal static string Join(IReadOnlyList<Violation> violations) =>
        violations.Count == 1 ? violations[0].Message : string.Join(Separator, violations.Select(v => v.Message));

    /// <summary>The <see cref="Message"/> in pieces, not final.</summary>
    internal void WriteMessageSegments(Utf8JsonWriter json)
    {
        json.WriteStringValueSegment("[", isFinalSegment: false);
        json.WriteStringValueSegment(Guard, isFinalSegment: false);
        json.WriteStringValueSegment("] ", isFinalSegment: false);
        json.WriteStringValueSegment(Path.ToString(), isFinalSegment: false);
        json.WriteStringValueSegment(": ", isFinalSegment: false);
        json.WriteStringValueSegment(Finding, isFinalSegment: false);
        json.WriteStringValueSegment("; ", isFinalSegment: false);
        json.WriteStringValueSegment(Fix, isFinalSegment: false);
    }

    /// <summary>For kubectl, which asks for 120 characters or fewer: the whole message if it fits, else what is wrong without the fix.</summary>
    public string Warning => Message.Length <= DecisionReport.MaxWarningLength ? Message : $"[{Guard}] {Path}: {Finding}";

    public override string ToString() => Message;
}
