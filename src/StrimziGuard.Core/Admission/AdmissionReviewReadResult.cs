namespace StrimziGuard.Core.Admission;

/// <summary>The review that was read, or why it could not be; <see cref="Uid"/> is kept whenever the body had one, so errors can echo it.</summary>
public sealed record AdmissionReviewReadResult(AdmissionReview? Review, string? Error, string? Uid) : IDisposable
{
    /// <summary>The body the review's objects live in, when it was read in place (<see cref="AdmissionReviewCodec.ReadInPlace"/>).</summary>
    internal IDisposable? Owner { get; init; }

    public static AdmissionReviewReadResult Fail(string error, string? uid = null) => new(null, error, uid);

    /// <summary>Marks the body of a review read in place as given back; nothing to do otherwise.</summary>
    public void Dispose() => Owner?.Dispose();
}
