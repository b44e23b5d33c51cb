namespace StrimziGuard.Core.Admission;

public enum WebhookKind
{
    Mutating,
    Validating,
}
