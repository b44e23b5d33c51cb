namespace StrimziGuard.Core.Admission;

public enum DecisionOutcome
{
    Allowed,
    Patched,
    Denied,
    Errored,
}
