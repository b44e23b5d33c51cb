namespace StrimziGuard.Core.Admission;

/// <summary>
/// Everything known about a policy besides its decision, said once: the catalog routes by it, the manifest tests check the webhook
/// registrations against it, and the README's policy tables are rendered from it.
/// </summary>
/// <param name="Id">Unique, and a valid audit-annotation key (letters, digits, '-', '.').</param>
/// <param name="Guard">The guard it belongs to: <c>cert-lifetime</c>, <c>ca-generation</c> or <c>agent-port</c>. Its mode applies.</param>
/// <param name="Kind">Whether it may patch the object (mutating) or only judge it (validating).</param>
/// <param name="Rules">The resources and operations it answers for, as a webhook's <c>rules</c> say them.</param>
public sealed record PolicyMetadata(string Id, string Guard, WebhookKind Kind, IReadOnlyList<ResourceRule> Rules)
{
    /// <summary>When true, an UPDATE that keeps a violation the old object already had is allowed with a warning.</summary>
    public bool Ratchets { get; init; }

    /// <summary>What it judges, for a reader: kinds and operations in the user's words.</summary>
    public required string Judges { get; init; }

    /// <summary>The rule it enforces, for a reader.</summary>
    public required string Rule { get; init; }

    /// <summary>When its webhook is registered only under some condition, that condition; otherwise null.</summary>
    public string? RegisteredOnly { get; init; }

    /// <summary>The endpoint that serves it.</summary>
    public WebhookPath Webhook => new(Kind, Guard);
}
