namespace StrimziGuard.Core.Certificates;

/// <summary>One PEM block: a certificate's subject, validity and SHA-256 thumbprint, or the reason it could not be read.</summary>
internal sealed record PemEntry(int Index, string Subject, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Thumbprint, string? Error)
{
    public bool IsCertificate => Error is null;

    public TimeSpan Lifetime => NotAfter - NotBefore;

    public static PemEntry Problem(int index, string error) => new(index, "", default, default, "", error);
}
