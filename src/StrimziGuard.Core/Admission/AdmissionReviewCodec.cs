using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// Reads an <c>admission.k8s.io/v1</c> AdmissionReview from bytes and writes the answer. The webhook server and the CLI both use it,
/// so they accept the same input and answer with the same bytes. Reading never throws: bad input comes back as a one-line error.
/// </summary>
public static class AdmissionReviewCodec
{
    public static AdmissionReviewReadResult Read(ReadOnlySpan<byte> utf8) => TryReadWellFormed(utf8, WellFormedReview.TryRead(utf8)) ?? ReadCarefully(utf8);

    /// <summary>
    /// As <see cref="Read"/>, for the webhook server: a well-formed review is read in place, its objects slices of
    /// <paramref name="utf8"/> itself, so reading a pod allocates no copy of it. The bytes must stay unchanged until the result is
    /// disposed, which the server does after the answer and the audit line are written; an object read after that throws
    /// <see cref="ObjectDisposedException"/> instead of reading reused memory.
    /// </summary>
    public static AdmissionReviewReadResult ReadInPlace(ReadOnlyMemory<byte> utf8)
    {
        var body = new ReviewBody();
        // The same steps as Read; the result says when the body is given back whichever step read it.
        var read = TryReadWellFormed(utf8.Span, WellFormedReview.TryRead(utf8, body)) ?? ReadCarefully(utf8.Span);
        return read with { Owner = body };
    }

    private static AdmissionReviewReadResult ReadCarefully(ReadOnlySpan<byte> utf8)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = KubeJson.Options.MaxDepth });
        }
        catch (JsonException e)
        {
            return AdmissionReviewReadResult.Fail(utf8.IsEmpty || e.Message.Contains("does not contain any JSON tokens", StringComparison.Ordinal)
                ? "malformed JSON: the body is empty; send one AdmissionReview"
                : $"malformed JSON{Where(e)}: {Plain(e.Message)}");
        }
        if (root is not JsonObject obj) return AdmissionReviewReadResult.Fail("the body is not a JSON object");
        try
        {
            return ReadTree(obj);
        }
        catch (ArgumentException)
        {
            // JsonObject refuses duplicate keys when first indexed; the fast path (last one wins) did not accept the body either.
            return AdmissionReviewReadResult.Fail("the body has a duplicate key in a JSON object");
        }
        catch (InvalidOperationException)
        {
            // Valid JSON syntax whose strings are not valid Unicode (a lone surrogate escape, bytes that are not UTF-8).
            return AdmissionReviewReadResult.Fail("the body has a string that is not valid Unicode");
        }
    }

    private static AdmissionReviewReadResult ReadTree(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValueKind() == JsonValueKind.String ? (string?)obj["apiVersion"] : null;
        var uid = (obj["request"] as JsonObject)?["uid"] is JsonValue u && u.TryGetValue<string>(out var s) ? s : null;
        if (apiVersion != AdmissionReview.V1)
            return AdmissionReviewReadResult.Fail($"apiVersion is {(apiVersion is null ? "missing" : $"'{apiVersion}'")}; only {AdmissionReview.V1} is served (set admissionReviewVersions: [v1])", uid);
        if (obj["request"] is not JsonObject) return AdmissionReviewReadResult.Fail("request is missing: this is not an AdmissionReview request", uid);

        AdmissionReview review;
        try
        {
            review = obj.Deserialize<AdmissionReview>(KubeJson.Options) ?? throw new JsonException("empty review");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            var path = e is JsonException { Path: { Length: > 1 } p } ? $" at {p.TrimStart('$', '.')}" : "";
            var problem = e is JsonException json ? JsonErrorText.ProblemIn(json, obj) : FirstLine(e.Message);
            return AdmissionReviewReadResult.Fail($"the AdmissionReview does not fit the admission.k8s.io/v1 schema{path}: {problem}", uid);
        }
        var request = review.Request!;
        if (string.IsNullOrEmpty(request.Uid)) return AdmissionReviewReadResult.Fail("request.uid is missing");
        if (string.IsNullOrEmpty(request.Operation)) return AdmissionReviewReadResult.Fail("request.operation is missing", request.Uid);
        if (request.Resource is null) return AdmissionReviewReadResult.Fail("request.resource is missing", request.Uid);
        // Who wrote it decides whether the operator is exempt; the API server always says (a null userInfo was a dispatcher crash).
        if (request.UserInfo is null) return AdmissionReviewReadResult.Fail("request.userInfo is missing", request.Uid);
        return Checked(request) ?? new AdmissionReviewReadResult(review, null, request.Uid);
    }

    /// <summary>The objects under review must be readable as a whole before any policy reads part of them.</summary>
    private static AdmissionReviewReadResult? Checked(AdmissionRequest request) =>
        JsonTreeCheck.Problem(request.Object) is { } problem ? AdmissionReviewReadResult.Fail($"request.object {problem}", request.Uid)
        : JsonTreeCheck.Problem(request.OldObject) is { } old ? AdmissionReviewReadResult.Fail($"request.oldObject {old}", request.Uid)
        : null;

    /// <summary>
    /// A well-formed review read in one pass over the body (<see cref="WellFormedReview"/>), which refuses a duplicate key, so a body
    /// that is valid UTF-8 with no escaped surrogate needs no walk of its tree (<see cref="JsonTreeCheck"/>) to be known readable. Anything
    /// else is deserialized as before and checked by <see cref="Checked"/>, which words a duplicate key or a string that is not Unicode.
    /// </summary>
    private static AdmissionReviewReadResult? TryReadWellFormed(ReadOnlySpan<byte> utf8, AdmissionReview? wellFormed)
    {
        if (wellFormed is { } review && Complete(review) is { } request)
        {
            // Most bodies hold no backslash at all: one search for it (0.04 us for a pod's 6 KB) spares two for the surrogate escapes (0.36).
            var knownReadable = Utf8.IsValid(utf8)
                && (!utf8.Contains((byte)'\\') || utf8.IndexOf(EscapedSurrogate) < 0 && utf8.IndexOf(EscapedSurrogateLower) < 0)
                && request.ObjectKinds is (null or JsonValueKind.Object, null or JsonValueKind.Object);
            return (knownReadable ? null : Checked(request)) ?? new AdmissionReviewReadResult(review, null, request.Uid);
        }
        try
        {
            return JsonSerializer.Deserialize<AdmissionReview>(utf8, KubeJson.Options) is { } read && Complete(read) is { } readRequest
                ? Checked(readRequest) ?? new AdmissionReviewReadResult(read, null, readRequest.Uid)
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The request of a v1 review with every field a decision needs; null sends the body to the careful path.</summary>
    private static AdmissionRequest? Complete(AdmissionReview review) =>
        review is { ApiVersion: AdmissionReview.V1, Request: { Uid.Length: > 0, Operation.Length: > 0, Resource: not null, UserInfo: not null } request } ? request : null;

    /// <summary>The start of an escaped UTF-16 surrogate (<c>\uD800</c>-<c>\uDFFF</c>), which may be unpaired: not valid Unicode.</summary>
    private static ReadOnlySpan<byte> EscapedSurrogate => "\\uD"u8;

    private static ReadOnlySpan<byte> EscapedSurrogateLower => "\\ud"u8;

    /// <summary>The response envelope, compact UTF-8 JSON, as the API server receives it.</summary>
    public static byte[] Write(string uid, Decision decision) => AdmissionResponseWriter.Write(uid, decision);

    /// <summary>
    /// <see cref="Write"/> into this thread's buffer, for a server that copies it into the response at once: valid until the thread's
    /// next answer, so never held across an <c>await</c>. Spares every review its answer's allocation.
    /// </summary>
    public static ReadOnlySpan<byte> WriteToThreadBuffer(string uid, Decision decision) => AdmissionResponseWriter.WriteToThreadBuffer(uid, decision);

    private static string Where(JsonException e) =>
        e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";

    /// <summary>System.Text.Json's syntax errors without their reader jargon (positions come from <see cref="Where"/>).</summary>
    private static string Plain(string message)
    {
        var line = FirstLine(message);
        var cut = line.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) line = line[..cut];
        if (line.Contains("open JSON object or array", StringComparison.Ordinal)) return "the JSON ends before every { and [ is closed";
        return line.Replace(", when isFinalBlock is true", "", StringComparison.Ordinal).TrimEnd('.', ' ');
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        var cut = line.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? line[..cut] : line;
    }
}
