using System.Buffers;
using System.Text.Json;
using StrimziGuard.Core.Patching;

namespace StrimziGuard.Core.Admission;

/// <summary>The answer to one admission request: allowed or denied, an optional patch, warnings, audit annotations, and what each policy said.</summary>
public sealed record Decision
{
    public bool Allowed { get; init; } = true;

    /// <summary>HTTP-style status code inside the AdmissionReview: 200, 403 for a denial, 400 for an unreadable object, 500 for a guard bug.</summary>
    public int Code { get; init; } = 200;

    private string? message;

    /// <summary>Why the request is not allowed; for a denial, the messages of the violations that deny it, joined by <c> | </c>.</summary>
    public string? Message
    {
        get => message ??= Denied is { } denied ? Violation.Join(denied) : null;
        init => message = value;
    }

    /// <summary>
    /// The violations that deny the request, their messages written in pieces into the answer and the audit line (<see cref="WriteMessage"/>):
    /// joined into <see cref="Message"/> up front, the sentence was the largest string of a denial.
    /// </summary>
    internal IReadOnlyList<Violation>? Denied { get; init; }

    public bool HasMessage => message is not null || Denied is not null;

    public IReadOnlyList<JsonPatchOperation> Patch { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public IReadOnlyDictionary<string, string> AuditAnnotations { get; init; } = NoAnnotations;

    internal static readonly IReadOnlyDictionary<string, string> NoAnnotations = AuditAnnotationSet.Empty;

    public IReadOnlyList<PolicyFinding> Findings { get; init; } = [];

    /// <summary>Controller work to enqueue; always empty for a dry-run request.</summary>
    public IReadOnlyList<ReconcileTrigger> Triggers { get; init; } = [];

    public DecisionOutcome Outcome =>
        !Allowed ? (Code >= 500 ? DecisionOutcome.Errored : DecisionOutcome.Denied)
        : Patch.Count > 0 ? DecisionOutcome.Patched : DecisionOutcome.Allowed;

    /// <summary>One line for people: the denial message, or the findings in short.</summary>
    public string Reason => Message ?? (Findings.Count == 0 ? "no policy applies" : string.Join("; ", Findings.Select(f => $"{f.PolicyId}: {f.Reason}")));

    public AdmissionResponse ToResponse(string uid)
    {
        var response = new AdmissionResponse { Uid = uid, Allowed = Allowed };
        if (!Allowed) response.Status = new AdmissionStatus { Code = Code, Reason = StatusReason, Message = Message };
        if (Patch.Count > 0)
        {
            response.PatchType = PatchType;
            var json = new ArrayBufferWriter<byte>(256);
            JsonPatchOperation.WriteTo(json, Patch);
            response.Patch = Convert.ToBase64String(json.WrittenSpan);
        }
        if (AuditAnnotations.Count > 0) response.AuditAnnotations = new(AuditAnnotations.ToDictionary(), StringComparer.Ordinal);
        // Written out at once and never changed: the decision's own list serves when it has the response's type.
        if (Warnings.Count > 0) response.Warnings = Warnings as List<string> ?? [.. Warnings];
        return response;
    }

    internal const string PatchType = "JSONPatch";

    /// <summary>The status's reason for <see cref="Code"/>, as the answer carries it when the request is not allowed.</summary>
    internal string StatusReason => ReasonFor(Code);

    /// <summary>Writes the audit annotations as the members of the JSON object open in <paramref name="json"/>, in the answer's order (ordinal by key).</summary>
    internal void WriteAuditAnnotations(Utf8JsonWriter json)
    {
        if (AuditAnnotations is AuditAnnotationSet set)
        {
            set.WriteTo(json);
            return;
        }
        foreach (var (key, value) in AuditAnnotations.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(key, value);
    }

    /// <summary>The <see cref="Message"/> as a JSON string value (after its property name), written from the violations' words when it was not made.</summary>
    public void WriteMessage(Utf8JsonWriter json)
    {
        if (message is not null || Denied is not { } denied)
        {
            json.WriteStringValue(Message);
            return;
        }
        for (var i = 0; i < denied.Count; i++)
        {
            if (i > 0) json.WriteStringValueSegment(Violation.Separator, isFinalSegment: false);
            denied[i].WriteMessageSegments(json);
        }
        json.WriteStringValueSegment("", isFinalSegment: true);
    }

    public static Decision Error(int code, string message) => new() { Allowed = false, Code = code, Message = message };

    private static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        403 => "Forbidden",
        _ => "InternalError",
    };
}
