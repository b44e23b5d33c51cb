using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace StrimziGuard.Kubernetes.Manifests;

/// <summary>
/// Turns YAML (one or many documents) into JSON nodes the way Kubernetes tooling reads manifests: plain scalars become
/// numbers, booleans and null by the YAML 1.2 core schema; quoted scalars stay strings. JSON is YAML, so JSON input works too.
/// </summary>
public static class YamlDocuments
{
    /// <summary>Deeply nested input is an attack, not a manifest.</summary>
    private const int MaxDepth = 64;

    public static IReadOnlyList<JsonNode?> Parse(string text)
    {
        var documents = new List<JsonNode?>();
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var node = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, 0);
                parser.Consume<DocumentEnd>();
                documents.Add(node);
            }
            parser.Consume<StreamEnd>();
        }
        catch (YamlException e)
        {
            // Document numbers count from 1 as a person reads the file; the error belongs to the document being read.
            throw new ManifestException($"invalid YAML in document {documents.Count + 1}, line {e.Start.Line}: {Explain(e.Message)}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner and parser throw these for some malformed input (found by fuzzing: a flow mapping opened inside a
            // plain key, a global tag that is not a URI). Callers, among them the config reload, expect only ManifestException.
            throw new ManifestException($"invalid YAML in document {documents.Count + 1}: {Explain(e.Message)}");
        }
        return documents;
    }

    /// <summary>YamlDotNet's message without its position prefix, the common cases in plain words.</summary>
    private static string Explain(string message)
    {
        var text = message.Split('\n')[0];
        var cut = text.IndexOf("): ", StringComparison.Ordinal);
        if (text.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0) text = text[(cut + 3)..];
        return text switch
        {
            _ when text.Contains("flow sequence", StringComparison.Ordinal) => "a [ list is not closed with ]",
            _ when text.Contains("flow mapping", StringComparison.Ordinal) => "a { mapping is not closed with }",
            _ when text.Contains("quoted scalar", StringComparison.Ordinal) => "a quoted string is not closed",
            _ when text.Contains("Mapping values are not allowed", StringComparison.Ordinal) => "a 'key: value' where a plain value belongs (check the indentation, or quote a value that contains ': ')",
            _ when text.Contains("did not find expected key", StringComparison.Ordinal) => "the indentation does not line up with the keys above",
            _ when text.Contains("could not find expected ':'", StringComparison.Ordinal) => "a line is neither 'key: value' nor a '- ' list item",
            _ when text.Contains("cannot start any token", StringComparison.Ordinal) => "a character YAML does not allow here (a tab? indent with spaces)",
            _ => text.TrimEnd('.'),
        };
    }

    private static JsonNode? ReadNode(IParser parser, int depth)
    {
        if (depth > MaxDepth) throw new ManifestException($"YAML nested deeper than {MaxDepth} levels");
        if (parser.TryConsume<Scalar>(out var scalar)) return ReadScalar(scalar);
        if (parser.TryConsume<SequenceStart>(out _))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _)) array.Add(ReadNode(parser, depth + 1));
            return array;
        }
        if (parser.TryConsume<MappingStart>(out _))
        {
            var obj = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>();
                var value = ReadNode(parser, depth + 1);
                // Duplicate keys: the last one wins, as in kubectl.
                obj[key.Value] = value;
            }
            return obj;
        }
        if (parser.Accept<AnchorAlias>(out var alias))
            throw new ManifestException($"YAML aliases are not supported (alias *{alias.Value} at line {alias.Start.Line})");
        throw new ManifestException("unexpected YAML content");
    }

    private static JsonNode? ReadScalar(Scalar scalar)
    {
        var v = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(v);
        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (IsInteger(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (IsFloat(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return JsonValue.Create(d);
        return JsonValue.Create(v);
    }

    private static bool IsInteger(string v)
    {
        var s = v.AsSpan();
        if (s.Length > 0 && s[0] is '-' or '+') s = s[1..];
        return s.Length > 0 && !s.ContainsAnyExcept("0123456789");
    }

    private static bool IsFloat(string v)
    {
        var s = v.AsSpan();
        if (s.Length > 0 && s[0] is '-' or '+') s = s[1..];
        return s.Length > 0 && char.IsAsciiDigit(s[0]) && !s.ContainsAnyExcept("0123456789.eE+-") && s.ContainsAny(".eE");
    }
}
