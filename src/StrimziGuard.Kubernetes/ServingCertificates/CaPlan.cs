namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>The first decision of a rotation pass: keep the CA in its Secret, or replace it and why.</summary>
internal sealed record CaPlan
{
    /// <summary>The CA to sign with; null when it must be replaced.</summary>
    public IssuedCertificate? Current { get; init; }

    /// <summary>When the CA last changed: the previous CA stays in the caBundles for one leaf lifetime after it.</summary>
    public DateTimeOffset ChangedAt { get; init; }

    /// <summary>Why a new CA must be made (missing, unreadable, renewal due); null when <see cref="Current"/> is kept.</summary>
    public string? ReplaceBecause { get; init; }
}
