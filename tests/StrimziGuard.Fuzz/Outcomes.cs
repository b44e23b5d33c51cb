using System.Text.RegularExpressions;
using StrimziGuard.Core.Admission;

namespace StrimziGuard.Fuzz;

/// <summary>Outcome labels coarse enough to count (numbers and quoted values dropped), and the checks every decision must pass.</summary>
public static partial class Outcomes
{
    public static string Label(string message)
    {
        var cut = message.IndexOf(':', StringComparison.Ordinal);
        var head = cut > 0 ? message[..cut] : message;
        head = Noise().Replace(head, "#");
        return head.Length > 60 ? head[..60] : head;
    }

    /// <summary>A policy that threw is a bug (house style §4.3); the dispatcher survives it, the fuzzer reports it.</summary>
    public static void CheckNoPolicyErrored(Decision decision)
    {
        if (decision.Findings.FirstOrDefault(f => f.Outcome == FindingOutcome.Errored) is { } errored)
            throw new FuzzFailure($"policy {errored.PolicyId} errored: {errored.Reason}");
        if (decision.Code >= 500) throw new FuzzFailure($"decision answered {decision.Code}: {decision.Message}");
    }

    [GeneratedRegex(@"'[^']*'|\d+")]
    private static partial Regex Noise();
}
