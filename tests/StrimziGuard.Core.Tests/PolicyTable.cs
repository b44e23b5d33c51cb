using System.Text;
using StrimziGuard.Core.Admission;

namespace StrimziGuard.Core.Tests;

/// <summary>A guard's policy table in the README, rendered from the metadata each policy declares, in the catalog's order.</summary>
internal static class PolicyTable
{
    public static string Start(string guard) => $"<!-- policy-table:{guard}:start; PolicyTableTests renders this table from the policies' metadata -->";

    public static string End(string guard) => $"<!-- policy-table:{guard}:end -->";

    public static string Render(string guard)
    {
        var text = new StringBuilder();
        text.Append(Start(guard)).Append('\n');
        text.Append("| Policy id | Judges | Rule |\n");
        text.Append("|---|---|---|\n");
        foreach (var policy in PolicyCatalog.Default.Policies.Where(p => p.Metadata.Guard == guard))
        {
            var m = policy.Metadata;
            text.Append($"| {Name(m)} | {m.Judges} | {m.Rule} |\n");
        }
        return text.Append(End(guard)).ToString();
    }

    private static string Name(PolicyMetadata m)
    {
        string[] notes = [.. new[] { m.Kind == WebhookKind.Mutating ? "mutating" : null, m.RegisteredOnly is { } only ? $"registered only {only}" : null }.OfType<string>()];
        return notes.Length == 0 ? $"`{m.Id}`" : $"`{m.Id}` ({string.Join("; ", notes)})";
    }
}
