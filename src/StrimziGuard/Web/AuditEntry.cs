using System.Text.Json;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Web;

/// <summary>
/// One audit line (architecture.md §1 "Audit"): who asked what of which webhook, and what each policy said. Object bodies are
/// never written: a Secret's data must not reach a log.
/// </summary>
internal readonly record struct AuditEntry(string Webhook, AdmissionRequest? Request, string? Uid, Decision Decision, string DecisionName, double DurationSeconds)
{
    public static readonly AuditWriter.WriteProperties<AuditEntry> Properties = Write;

    private static void Write(Utf8JsonWriter json, in AuditEntry e)
    {
        json.WriteString("time"u8, DateTime.UtcNow);
        json.WriteString("msg"u8, "admission"u8);
        json.WriteString("uid"u8, e.Uid);
        json.WriteString("webhook"u8, e.Webhook);
        if (e.Request is { } r)
        {
            json.WriteString("operation"u8, r.Operation);
            json.WriteString("group"u8, r.Kind?.Group);
            json.WriteString("version"u8, r.Kind?.Version);
            json.WriteString("kind"u8, r.Kind?.Kind);
            if (r.SubResource is { Length: > 0 } sub) json.WriteString("subResource"u8, sub);
            json.WriteString("namespace"u8, r.Namespace);
            json.WriteString("name"u8, r.Name);
            json.WriteString("user"u8, r.UserInfo.Username);
            json.WriteBoolean("dryRun"u8, r.IsDryRun);
        }
        var d = e.Decision;
        json.WriteString("decision"u8, e.DecisionName);
        json.WriteNumber("code"u8, d.Code);
        WriteReason(json, d);
        json.WriteStartArray("findings"u8);
        // Indexed: a foreach over the interface boxed an enumerator for every line.
        for (var i = 0; i < d.Findings.Count; i++)
        {
            var f = d.Findings[i];
            json.WriteStartObject();
            json.WriteString("policy"u8, f.PolicyId);
            json.WriteString("outcome"u8, f.Outcome.Name());
            json.WritePropertyName("reason"u8);
            f.WriteReason(json);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("patchOps"u8, d.Patch.Count);
        json.WriteNumber("warnings"u8, d.Warnings.Count);
        json.WriteNumber("durationMs"u8, Math.Round(e.DurationSeconds * 1000, 3));
    }

    /// <summary><see cref="Decision.Reason"/>, written in pieces: joining it into one string was garbage for every review.</summary>
    private static void WriteReason(Utf8JsonWriter json, Decision d)
    {
        if (d.HasMessage)
        {
            json.WritePropertyName("reason"u8);
            d.WriteMessage(json);
            return;
        }
        if (d.Findings.Count == 0)
        {
            json.WriteString("reason"u8, d.Reason);
            return;
        }
        json.WritePropertyName("reason"u8);
        for (var i = 0; i < d.Findings.Count; i++)
        {
            var f = d.Findings[i];
            if (i > 0) json.WriteStringValueSegment("; ", isFinalSegment: false);
            json.WriteStringValueSegment(f.PolicyId, isFinalSegment: false);
            json.WriteStringValueSegment(": ", isFinalSegment: false);
            f.WriteReasonSegments(json);
        }
        json.WriteStringValueSegment("", isFinalSegment: true);
    }
}
