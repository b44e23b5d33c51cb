using System.Text.Json;
using System.Text.RegularExpressions;

namespace StrimziGuard.Core.Admission;

/// <summary>Says in the user's words why a field could not be read: "is a string, expected a whole number", not a .NET type name.</summary>
internal static partial class SchemaProblem
{
    public static string Describe(JsonException e)
    {
        var match = ConvertedTo().Match(e.Message);
        if (!match.Success) return "cannot be read";
        var type = match.Groups[1].Value;
        var expected = type switch
        {
            _ when type.Contains("Int32") || type.Contains("Int64") => "a whole number",
            _ when type.Contains("Boolean") => "true or false",
            _ when type.Contains("String") && !type.Contains("Dictionary") && !type.Contains("List") => "a string",
            _ when type.Contains("Dictionary") => "a mapping of strings",
            _ when type.Contains("List") => "a list",
            _ => "an object",
        };
        return $"has the wrong type; expected {expected}";
    }

    [GeneratedRegex(@"could not be converted to ([^\s.]+(\.[^\s.]+)*)")]
    private static partial Regex ConvertedTo();
}
