using System.Text;

namespace StrimziGuard.Core.Admission;

/// <summary>A field path written as in the YAML the user edits: <c>spec.ingress[1].from[0]</c>, <c>data.tls.crt</c>.</summary>
public sealed record FieldPath
{
    private readonly string text;

    private FieldPath(string text) => this.text = text;

    public static FieldPath Root { get; } = new("");

    public static FieldPath Of(string path) => new(path);

    public FieldPath Field(string name) => new(text.Length == 0 ? name : $"{text}.{name}");

    public FieldPath Index(int index) => new($"{text}[{index}]");

    public FieldPath Key(string key) => new($"{text}[{key}]");

    public override string ToString() => text.Length == 0 ? "(object)" : text;

    /// <summary>The same path as a JSON Pointer (RFC 6901), for patches; map keys keep their dots.</summary>
    public static string Pointer(params string[] segments)
    {
        var sb = new StringBuilder();
        foreach (var s in segments) sb.Append('/').Append(s.Replace("~", "~0").Replace("/", "~1"));
        return sb.ToString();
    }
}
