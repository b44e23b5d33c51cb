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
        json.WriteString("time", DateTime.UtcNow);
        json.WriteString("msg", "admission");
        json.WriteString("uid", e.Uid);
        json.WriteString("webhook", e.Webhook);
        if (e.Request is { } r)
        {
            json.WriteString("operation", r.Operation);
            json.WriteString("group", r.Kind?.Group);
            json.WriteString("version", r.Kind?.Version);
            json.WriteString("kind", r.Kind?.Kind);
            if (r.SubResource is { Length: > 0 } sub) json.WriteString("subResource", sub);
            json.WriteString("namespace", r.Namespace);
            json.WriteString("name", r.Name);
            json.WriteString("user", r.UserInfo.Username);
            json.WriteBoolean("dryRun", r.IsDryRun);
        }
        var d = e.Decision;
        json.WriteString("decision", e.DecisionName);
        json.WriteNumber("code", d.Code);
        WriteReason(json, d);
        json.WriteStartArray("findings");
        foreach (var f in d.Findings)
        {
            json.WriteStartObject();
            json.WriteString("policy", f.PolicyId);
            json.WriteString("outcome", f.Outcome.Name());
            json.WriteString("reason", f.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("patchOps", d.Patch.Count);
        json.WriteNumber("warnings", d.Warnings.Count);
        json.WriteNumber("durationMs", Math.Round(e.DurationSeconds * 1000, 3));
    }

    /// <summary>The same names as the response's audit annotations use.</summary>
    /// <summary><see cref="Decision.Reason"/>, written in pieces: joining it into one string was garbage for every review.</summary>
    private static void WriteReason(Utf8JsonWriter json, Decision d)
    {
        if (d.Message is not null || d.Findings.Count == 0)
        {
            json.WriteString("reason", d.Reason);
            return;
        }
        json.WritePropertyName("reason");
        for (var i = 0; i < d.Findings.Count; i++)
        {
            var f = d.Findings[i];
            if (i > 0) json.WriteStringValueSegment("; ", isFinalSegment: false);
            json.WriteStringValueSegment(f.PolicyId, isFinalSegment: false);
            json.WriteStringValueSegment(": ", isFinalSegment: false);
            json.WriteStringValueSegment(f.Reason, isFinalSegment: false);
        }
        json.WriteStringValueSegment("", isFinalSegment: true);
    }
}
