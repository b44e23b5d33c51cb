using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cel;

namespace StrimziGuard.Tests.Deployment.Cel;

/// <summary>
/// The C# CEL implementation (NuGet <c>Cel</c>) over our matchConditions: standard CEL, no Kubernetes library. JSON objects become maps,
/// arrays lists, numbers int or double, as the API server presents an unstructured object. Anything but a bool is an error: the API
/// server rejects a matchCondition that does not evaluate to one.
/// </summary>
internal static class CelEngine
{
    private static readonly CelEnvironment Env = new([], "");
    private static readonly ConcurrentDictionary<string, CelProgramDelegate> Programs = new();

    /// <summary>The value, or an error in a few words (a compile error, an evaluation error, or a result that is not a bool).</summary>
    public static (bool? Value, string? Error) Evaluate(string expression, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        try
        {
            var program = Programs.GetOrAdd(expression, Env.Compile);
            var result = program(variables.ToDictionary(v => v.Key, v => ToCel(v.Value)));
            return result is bool b ? (b, null) : (null, $"not a bool: {result?.GetType().Name ?? "null"}");
        }
        catch (Exception e)
        {
            return (null, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }
    }

    public static (bool? Value, string? Error) Evaluate(string expression, CelRequest r) =>
        Evaluate(expression, new Dictionary<string, JsonNode?> { ["request"] = r.Request, ["object"] = r.Object, ["oldObject"] = r.OldObject });

    private static object? ToCel(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToCel(p.Value)),
        JsonArray a => a.Select(ToCel).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => (string)v!,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => (bool)v,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v => (double)v,
        _ => throw new ArgumentException($"unexpected JSON node {node.GetType().Name}"),
    };
}
