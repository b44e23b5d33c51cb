namespace StrimziGuard.Commands;

/// <summary>A plain aligned table for terminals and CI logs, then the files skipped, one line each, and a one-line summary.</summary>
internal static class CheckTable
{
    public static void Write(TextWriter output, IReadOnlyList<CheckRow> rows, IReadOnlyList<string> skipped)
    {
        string[] header = ["OBJECT", "POLICY", "DECISION", "REASON"];
        var cells = rows.Select(r => new[] { r.Object, r.Policy, r.Decision, r.Reason }).ToList();
        var widths = Enumerable.Range(0, 3).Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();
        void Line(string[] c) => output.WriteLine($"{c[0].PadRight(widths[0])}  {c[1].PadRight(widths[1])}  {c[2].PadRight(widths[2])}  {c[3]}");
        Line(header);
        foreach (var c in cells) Line(c);
        var objects = rows.Select(r => (r.Source, r.Object)).Distinct().Count();
        var counts = rows.GroupBy(r => r.Decision.Split(' ')[0]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        if (skipped.Count > 0) output.WriteLine();
        foreach (var line in skipped) output.WriteLine(line);
        output.WriteLine();
        var files = skipped.Count == 0 ? "" : $"; {Plural(skipped.Count, "file")} skipped";
        output.WriteLine($"{Plural(objects, "object")}{(objects == 0 ? "" : ": ")}{string.Join(", ", counts)}{files}");
    }

    public static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
