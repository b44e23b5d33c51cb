using StrimziGuard.Core.Admission;

namespace StrimziGuard.Commands;

/// <summary>One object judged by one policy, as <c>check</c> prints it.</summary>
internal sealed record CheckRow(string Source, string Object, string Policy, string Decision, string Reason)
{
    public static IEnumerable<CheckRow> From(string source, string obj, Decision decision)
    {
        if (decision.Findings.Count == 0)
        {
            yield return new CheckRow(source, obj, "-", "allowed", "no policy applies");
            yield break;
        }
        foreach (var f in decision.Findings)
        {
            var name = f.Outcome switch
            {
                FindingOutcome.WarnedOperator => "warned (operator)",
                FindingOutcome.WarnedExisting => "warned (existing)",
                _ => f.Outcome.ToString().ToLowerInvariant(),
            };
            var reason = f.Outcome == FindingOutcome.Denied && decision.Message is { } m ? MessageFor(f.PolicyId, m, f.Reason) : f.Reason;
            yield return new CheckRow(source, obj, f.PolicyId, name, reason);
        }
    }

    /// <summary>The full denial lines of this policy's guard, which carry the fix; the finding alone when they cannot be told apart.</summary>
    private static string MessageFor(string policyId, string message, string fallback)
    {
        var guard = policyId.Split('.')[0];
        var lines = message.Split(" | ").Where(l => l.StartsWith($"[{guard}] ", StringComparison.Ordinal)).ToArray();
        return lines.Length == 0 ? fallback : string.Join(" | ", lines);
    }
}
