using System.Text;
using System.Text.Json.Nodes;

namespace StrimziGuard.Commands;

/// <summary>How <c>demo</c> summarises one webhook answer: a decision word and the reason, the patch, or the warnings.</summary>
internal static class DemoRow
{
    /// <summary>Long denial messages are cut so the table stays readable; <c>review</c> prints them whole.</summary>
    private const int MaxDetail = 150;

    /// <summary>Null when no policy on this path spoke (no audit annotation, no patch, no warning): the path does not apply.</summary>
    public static (string Decision, string Detail)? Describe(int httpStatus, JsonNode? response)
    {
        if (httpStatus != 200 || response is null) return ($"http {httpStatus}", Fit((string?)response?["status"]?["message"] ?? ""));
        var allowed = (bool?)response["allowed"] ?? false;
        var warnings = (response["warnings"] as JsonArray)?.Select(w => (string?)w ?? "").ToArray() ?? [];
        var patch = (string?)response["patch"];
        var annotations = response["auditAnnotations"] as JsonObject;
        if (allowed && patch is null && warnings.Length == 0 && (annotations is null || annotations.Count == 0)) return null;
        if (!allowed) return ($"denied ({(int?)response["status"]?["code"]})", Fit((string?)response["status"]?["message"] ?? ""));
        if (patch is not null) return ("patched", Fit("patch: " + PatchSummary(patch)));
        if (warnings.Length > 0) return ($"allowed, {warnings.Length} warning{(warnings.Length == 1 ? "" : "s")}", Fit(warnings[0]));
        return ("allowed", Fit(string.Join("; ", annotations!.Select(a => $"{a.Key}: {a.Value}"))));
    }

    public static void WriteTable(TextWriter output, string[] header, IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, header.Length - 1).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        void Line(string[] cells)
        {
            var line = new StringBuilder();
            for (var i = 0; i < widths.Length; i++) line.Append(cells[i].PadRight(widths[i])).Append("  ");
            output.WriteLine(line.Append(cells[^1]).ToString());
        }
        Line(header);
        foreach (var row in rows) Line(row);
    }

    private static string PatchSummary(string base64)
    {
        var ops = JsonNode.Parse(Convert.FromBase64String(base64)) as JsonArray ?? [];
        return string.Join("; ", ops.Select(o => $"{o?["op"]} {o?["path"]}{(o?["value"] is { } v ? " = " + v.ToJsonString() : "")}"));
    }

    private static string Fit(string text) => text.Length <= MaxDetail ? text : text[..(MaxDetail - 3)] + "...";
}
