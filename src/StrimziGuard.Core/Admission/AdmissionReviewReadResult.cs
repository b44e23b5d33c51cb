namespace StrimziGuard.Core.Admission;

/// <summary>The review that was read, or why it could not be; <see cref="Uid"/> is kept whenever the body had one, so errors can echo it.</summary>
public sealed record AdmissionReviewReadResult(AdmissionReview? Review, string? Error, string? Uid)
{
    public static AdmissionReviewReadResult Fail(string error, string? uid = null) => new(null, error, uid);
}
