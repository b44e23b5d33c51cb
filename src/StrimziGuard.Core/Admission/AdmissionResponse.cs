using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Admission;

public sealed class AdmissionResponse
{
    public string Uid { get; set; } = "";

    public bool Allowed { get; set; }

    public AdmissionStatus? Status { get; set; }

    /// <summary>Base64 of a JSON Patch (RFC 6902).</summary>
    public string? Patch { get; set; }

    public string? PatchType { get; set; }

    public SortedDictionary<string, string>? AuditAnnotations { get; set; }

    public List<string>? Warnings { get; set; }
}

/// <summary>The subset of <c>metav1.Status</c> a webhook returns; <c>message</c> is what kubectl prints after "denied the request:".</summary>
public sealed class AdmissionStatus
{
    public int Code { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }
}
