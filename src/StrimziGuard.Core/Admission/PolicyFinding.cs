namespace StrimziGuard.Core.Admission;

/// <summary>What became of one policy's verdict in a decision; one audit annotation and one log field each.</summary>
public sealed record PolicyFinding(string PolicyId, FindingOutcome Outcome, string Reason);
