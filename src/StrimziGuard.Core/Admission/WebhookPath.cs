namespace StrimziGuard.Core.Admission;

/// <summary>One webhook endpoint: a guard and a kind, served at <c>/mutate/&lt;guard&gt;</c> or <c>/validate/&lt;guard&gt;</c>.</summary>
public sealed record WebhookPath(WebhookKind Kind, string Guard)
{
    public string Path => $"/{(Kind == WebhookKind.Mutating ? "mutate" : "validate")}/{Guard}";

    public static bool TryParse(string path, out WebhookPath? webhook)
    {
        webhook = null;
        var parts = path.Trim('/').Split('/');
        if (parts.Length != 2 || parts[1].Length == 0) return false;
        WebhookKind? kind = parts[0] switch { "mutate" => WebhookKind.Mutating, "validate" => WebhookKind.Validating, _ => null };
        if (kind is null) return false;
        webhook = new WebhookPath(kind.Value, parts[1]);
        return true;
    }

    public override string ToString() => Path;
}
