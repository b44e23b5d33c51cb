using System.Buffers;
using System.Text.Json;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Patching;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// Writes the answering AdmissionReview by hand, byte for byte as the serializer writes <see cref="AdmissionReview.Answer"/> with
/// <see cref="KubeJson.Options"/> (camelCase, nulls left out, relaxed escaping): every review is answered, and the serializer's walk of
/// the answer's types was a microsecond of each. The buffer and writer are kept per thread; the webhook copies the answer from there
/// into the response (<see cref="WriteToThreadBuffer"/>), other callers get the bytes (<see cref="Write"/>).
/// </summary>
internal static class AdmissionResponseWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = KubeJson.Options.Encoder, MaxDepth = KubeJson.Options.MaxDepth };

    [ThreadStatic] private static ArrayBufferWriter<byte>? buffer;
    [ThreadStatic] private static Utf8JsonWriter? writer;

    [ThreadStatic] private static ArrayBufferWriter<byte>? patchBuffer;

    public static byte[] Write(string uid, Decision decision) => WriteToThreadBuffer(uid, decision).ToArray();

    /// <summary>
    /// The answer to <paramref name="decision"/> in this thread's buffer, as the serializer writes <c>decision.ToResponse(uid)</c>: valid
    /// until the thread's next answer, so it is copied out before any <c>await</c>. Written from the decision itself: the response's
    /// objects, and the patch's base64 as a string, were a pod answer's garbage.
    /// </summary>
    public static ReadOnlySpan<byte> WriteToThreadBuffer(string uid, Decision decision)
    {
        var output = buffer ??= new ArrayBufferWriter<byte>(1024);
        var json = writer ??= new Utf8JsonWriter(output, Options);
        output.ResetWrittenCount();
        json.Reset(output);
        json.WriteStartObject();
        json.WriteString("apiVersion"u8, AdmissionReview.V1);
        json.WriteString("kind"u8, "AdmissionReview"u8);
        json.WriteStartObject("response"u8);
        json.WriteString("uid"u8, uid);
        json.WriteBoolean("allowed"u8, decision.Allowed);
        if (!decision.Allowed)
        {
            json.WriteStartObject("status"u8);
            json.WriteNumber("code"u8, decision.Code);
            json.WriteString("reason"u8, decision.StatusReason);
            if (decision.HasMessage)
            {
                json.WritePropertyName("message"u8);
                decision.WriteMessage(json);
            }
            json.WriteEndObject();
        }
        if (decision.Patch.Count > 0)
        {
            var patch = patchBuffer ??= new ArrayBufferWriter<byte>(256);
            patch.ResetWrittenCount();
            JsonPatchOperation.WriteTo(patch, decision.Patch);
            json.WriteBase64String("patch"u8, patch.WrittenSpan);
            json.WriteString("patchType"u8, Decision.PatchType);
            if (patch.Capacity > 64 * 1024) patchBuffer = null;
        }
        if (decision.AuditAnnotations.Count > 0)
        {
            json.WriteStartObject("auditAnnotations"u8);
            decision.WriteAuditAnnotations(json);
            json.WriteEndObject();
        }
        if (decision.Warnings.Count > 0)
        {
            json.WriteStartArray("warnings"u8);
            for (var i = 0; i < decision.Warnings.Count; i++) json.WriteStringValue(decision.Warnings[i]);
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        // A rare answer with a long message or many warnings does not keep its buffer on the thread for good (the span still holds it).
        if (output.Capacity > 64 * 1024) buffer = null;
        return output.WrittenSpan;
    }
}
