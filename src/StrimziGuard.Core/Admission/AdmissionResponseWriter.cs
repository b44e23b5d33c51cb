using System.Buffers;
using System.Text.Json;
using StrimziGuard.Core.Api;

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

    public static byte[] Write(AdmissionResponse response) => WriteToThreadBuffer(response).ToArray();

    /// <summary>The answer in this thread's buffer: valid until the thread's next answer, so it is copied out before any <c>await</c>.</summary>
    public static ReadOnlySpan<byte> WriteToThreadBuffer(AdmissionResponse response)
    {
        var output = buffer ??= new ArrayBufferWriter<byte>(1024);
        var json = writer ??= new Utf8JsonWriter(output, Options);
        output.ResetWrittenCount();
        json.Reset(output);
        json.WriteStartObject();
        json.WriteString("apiVersion"u8, AdmissionReview.V1);
        json.WriteString("kind"u8, "AdmissionReview"u8);
        json.WriteStartObject("response"u8);
        json.WriteString("uid"u8, response.Uid);
        json.WriteBoolean("allowed"u8, response.Allowed);
        if (response.Status is { } status)
        {
            json.WriteStartObject("status"u8);
            json.WriteNumber("code"u8, status.Code);
            if (status.Reason is not null) json.WriteString("reason"u8, status.Reason);
            if (status.Message is not null) json.WriteString("message"u8, status.Message);
            json.WriteEndObject();
        }
        if (response.Patch is not null) json.WriteString("patch"u8, response.Patch);
        if (response.PatchType is not null) json.WriteString("patchType"u8, response.PatchType);
        if (response.AuditAnnotations is { } annotations)
        {
            json.WriteStartObject("auditAnnotations"u8);
            foreach (var (key, value) in annotations) json.WriteString(key, value);
            json.WriteEndObject();
        }
        if (response.Warnings is { } warnings)
        {
            json.WriteStartArray("warnings"u8);
            foreach (var warning in warnings) json.WriteStringValue(warning);
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
