namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>The in-memory results of <c>reconcileCas</c> for one reconciliation (<c>keyReplaced()</c>, <c>certRenewed()</c>); a crash loses them.</summary>
internal sealed record ReconcileFlags(bool KeyReplaced, bool CertRenewed, bool ClientsKeyReplaced, bool ClientsCertRenewed);
