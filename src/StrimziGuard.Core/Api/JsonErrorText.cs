using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StrimziGuard.Core.Api;

/// <summary>
/// System.Text.Json's errors in a user's words: the field (as a YAML path), what it wants and what it got, without .NET type names
/// ("could not be converted to System.Nullable`1[System.Int32]" becomes "wants an integer, not the string "7"").
/// </summary>
public static partial class JsonErrorText
{
    /// <summary>The field the error is about, <c>spec.clusterCa.validityDays</c>, or null when the error names none.</summary>
    public static string? Field(JsonException e) => e.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : null;

    /// <summary>One line: <c>FIELD: what is wrong</c>. <paramref name="document"/>, when given, lets the message quote the value.</summary>
    public static string Describe(JsonException e, JsonNode? document = null)
    {
        var field = Field(e);
        var problem = ProblemIn(e, document);
        return field is null ? problem : $"{field}: {problem}";
    }

    /// <summary>What is wrong, quoting the value at the error's path in <paramref name="document"/> (the object that was being read).</summary>
    public static string ProblemIn(JsonException e, JsonNode? document) =>
        Problem(e, Field(e) is null ? null : ValueAt(document, e.Path!));

    /// <summary>What is wrong, without the field.</summary>
    public static string Problem(JsonException e, JsonNode? value = null)
    {
        var message = e.Message.Split('\n')[0];
        if (ConvertedTo().Match(message) is { Success: true } m)
        {
            var wants = Wants(m.Groups["type"].Value);
            return value is null ? $"wants {wants}" : $"wants {wants}, not {Describe(value)}{(IsQuotedNumber(value) ? " (write the number without quotes)" : "")}";
        }
        if (UnknownMember().Match(message) is { Success: true } u) return $"unknown field '{u.Groups["name"].Value}'";
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return TypeName().Replace(cut > 0 ? message[..cut] : message, "a value of another type").TrimEnd('.');
    }

    private static string Wants(string type) => type switch
    {
        "Int32" or "Int64" or "Int16" or "UInt32" or "UInt64" or "Byte" => "an integer",
        "Double" or "Single" or "Decimal" => "a number",
        "Boolean" => "true or false",
        "String" => "a string",
        "TimeSpan" => "a duration such as 168h",
        _ when type.StartsWith("List", StringComparison.Ordinal) || type.StartsWith("IReadOnlyList", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => "a list",
        _ when type.StartsWith("Dictionary", StringComparison.Ordinal) || type.StartsWith("IReadOnlyDictionary", StringComparison.Ordinal) => "a mapping of keys to values",
        _ => "a mapping of fields",
    };

    private static string Describe(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => $"the string \"{(string?)value}\"",
        JsonValueKind.Number => $"the number {value.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.ToJsonString()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "a mapping",
        _ => "an empty value",
    };

    private static bool IsQuotedNumber(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String && double.TryParse((string?)value, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>The node at a System.Text.Json path such as <c>$.spec.clusterCa.validityDays</c> or <c>$.items[2].name</c>.</summary>
    private static JsonNode? ValueAt(JsonNode? document, string path)
    {
        var node = document;
        foreach (Match step in PathStep().Matches(path))
        {
            if (node is null) return null;
            if (step.Groups["index"].Success) node = node is JsonArray a && int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < a.Count ? a[i] : null;
            else node = node is JsonObject o ? o[step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value] : null;
        }
        return node;
    }

    [GeneratedRegex(@"could not be converted to (System\.Nullable`1\[)?([A-Za-z0-9_]+\.)*(?<type>[A-Za-z0-9_`\[\]]+?)(`\d.*)?\]?\.( Path|$)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"'?(System|StrimziGuard)\.[A-Za-z0-9_.`\[\],]+'?")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();
}
