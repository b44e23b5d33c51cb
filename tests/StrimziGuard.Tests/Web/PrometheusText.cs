using System.Globalization;
using System.Text.RegularExpressions;

namespace StrimziGuard.Tests.Web;

/// <summary>A strict reader of Prometheus text format 0.0.4: every line is a comment or a well-formed sample, or parsing fails.</summary>
internal sealed partial class PrometheusText
{
    private PrometheusText(List<(string Name, Dictionary<string, string> Labels, double Value)> samples, Dictionary<string, string> types, HashSet<string> helps)
    {
        Samples = samples;
        Types = types;
        Helps = helps;
    }

    public List<(string Name, Dictionary<string, string> Labels, double Value)> Samples { get; }

    public Dictionary<string, string> Types { get; }

    public HashSet<string> Helps { get; }

    public static PrometheusText Parse(string text)
    {
        var samples = new List<(string, Dictionary<string, string>, double)>();
        var types = new Dictionary<string, string>();
        var helps = new HashSet<string>();
        Assert.EndsWith("\n", text);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal)) { helps.Add(line.Split(' ')[2]); continue; }
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal)) { var p = line.Split(' '); types[p[2]] = p[3]; continue; }
            var m = SampleLine().Match(line);
            Assert.True(m.Success, $"not a sample line: {line}");
            var labels = new Dictionary<string, string>();
            foreach (Match l in Label().Matches(m.Groups["labels"].Value)) labels[l.Groups[1].Value] = l.Groups[2].Value;
            var value = m.Groups["value"].Value switch { "+Inf" => double.PositiveInfinity, var v => double.Parse(v, CultureInfo.InvariantCulture) };
            samples.Add((m.Groups["name"].Value, labels, value));
        }
        return new PrometheusText(samples, types, helps);
    }

    public double Sum(string name, params (string Label, string Value)[] match) =>
        Samples.Where(s => s.Name == name && match.All(m => s.Labels.TryGetValue(m.Label, out var v) && v == m.Value)).Sum(s => s.Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Label();
}
