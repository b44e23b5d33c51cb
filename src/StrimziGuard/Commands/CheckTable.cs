namespace StrimziGuard.Commands;

/// <summary>A plain aligned table for terminals and CI logs, with a one-line summary.</summary>
internal static class CheckTable
{
    public static void Write(TextWriter output, IReadOnlyList<CheckRow> rows)
    {
        string[] header = ["OBJECT", "POLICY", "DECISION", "REASON"];
        var cells = rows.Select(r => new[] { r.Object, r.Policy, r.Decision, r.Reason }).ToList();
        var widths = Enumerable.Range(0, 3).Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();
        void Line(string[] c) => output.WriteLine($"{c[0].PadRight(widths[0])}  {c[1].PadRight(widths[1])}  {c[2].PadRight(widths[2])}  {c[3]}");
        Line(header);
        foreach (var c in cells) Line(c);
        var objects = rows.Select(r => (r.Source, r.Object)).Distinct().Count();
        var counts = rows.GroupBy(r => r.Decision.Split(' ')[0]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        output.WriteLine();
        output.WriteLine($"{objects} objects: {string.Join(", ", counts)}");
    }
}
