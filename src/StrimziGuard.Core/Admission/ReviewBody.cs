namespace StrimziGuard.Core.Admission;

/// <summary>
/// The bytes a review read in place lives in (<see cref="AdmissionReviewCodec.ReadInPlace"/>): the server's pooled request body. Disposed
/// when the server is about to give the body back to the pool; from then on the review's objects refuse to be read
/// (<see cref="ObjectDisposedException"/>) instead of reading whatever the pool puts there next.
/// </summary>
internal sealed class ReviewBody : IDisposable
{
    public bool Returned { get; private set; }

    public void ThrowIfReturned() => ObjectDisposedException.ThrowIf(Returned, this);

    public void Dispose() => Returned = true;
}
