using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Certificates;

namespace StrimziGuard.Core.Options;

/// <summary>
/// Binds a configuration document (already parsed from YAML) to <see cref="GuardOptions"/> strictly: an unknown field is an error,
/// not a silent default, because a misspelt <c>mode</c> must not quietly leave a guard enforcing. Every error names its field.
/// </summary>
public static class GuardOptionsReader
{
    private static readonly JsonSerializerOptions Strict = CreateStrict();

    public static (GuardOptions? Options, IReadOnlyList<string> Errors) Read(JsonNode? document)
    {
        if (document is null) return (GuardOptions.Default, []);
        if (document is not JsonObject) return (null, ["the configuration must be a mapping of settings"]);
        document = document.DeepClone();
        if (Unwrap((JsonObject)document) is { } header) return (null, [header]);
        // "certLifetime:" with every child commented out is YAML null; bound, it would be a null section the validator (and every
        // decision) trips over (found by fuzzing: the config reload threw instead of keeping the previous config).
        var empty = NullFields(document, "").ToArray();
        if (empty.Length > 0) return (null, [.. empty.Select(f => $"{f}: is empty; give it a value, or remove the line to use the default")]);
        GuardOptions options;
        try
        {
            options = document.Deserialize<GuardOptions>(Strict) ?? GuardOptions.Default;
        }
        catch (JsonException e)
        {
            return (null, [Describe(e, document)]);
        }
        var errors = FluentErrors.From(new GuardOptionsValidator().Validate(options));
        return errors.Count == 0 ? (options, []) : (null, errors);
    }

    /// <summary>The header a configuration may carry as a kustomize input (manifests/base/config.yaml).</summary>
    public const string ApiVersion = "strimzi-guard.io/v1alpha1";

    public const string Kind = "GuardConfiguration";

    /// <summary>
    /// The install's configuration is also read by kustomize, which copies its <c>watchNamespaces</c> into the webhooks' selectors, so it may
    /// carry <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>. They are checked, then set aside; a bare settings file needs none of them.
    /// </summary>
    private static string? Unwrap(JsonObject document)
    {
        if (!document.ContainsKey("apiVersion") && !document.ContainsKey("kind") && !document.ContainsKey("metadata")) return null;
        var apiVersion = document["apiVersion"] is JsonValue a && a.TryGetValue<string>(out var av) ? av : null;
        var kind = document["kind"] is JsonValue k && k.TryGetValue<string>(out var kv) ? kv : null;
        if (apiVersion != ApiVersion || kind != Kind)
            return $"apiVersion/kind: expected {ApiVersion} {Kind} (or neither), found {apiVersion ?? "none"} {kind ?? "none"}";
        document.Remove("apiVersion");
        document.Remove("kind");
        document.Remove("metadata");
        return null;
    }

    /// <summary>The field and what is wrong with it; an unknown key also lists the keys valid in its place, so a typo shows its fix.</summary>
    private static string Describe(JsonException e, JsonNode document)
    {
        var field = JsonErrorText.Field(e) ?? "(config)";
        var problem = JsonErrorText.ProblemIn(e, document);
        if (!problem.StartsWith("unknown field", StringComparison.Ordinal)) return $"{field}: {problem}";
        var parent = field.Contains('.') ? field[..field.LastIndexOf('.')] : "";
        var valid = ValidKeys(parent);
        return $"{field}: unknown setting{(valid.Count == 0 ? "" : $"; valid {(parent.Length == 0 ? "top-level settings" : $"settings under {parent}")}: {string.Join(", ", valid)}")}";
    }

    /// <summary>The keys the configuration accepts at a dotted path (empty: the top level).</summary>
    private static IReadOnlyList<string> ValidKeys(string path)
    {
        var type = typeof(GuardOptions);
        foreach (var step in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var property = Strict.GetTypeInfo(type).Properties.FirstOrDefault(p => p.Name == step);
            if (property is null) return [];
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        var info = Strict.GetTypeInfo(type);
        return info.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object ? [.. info.Properties.Where(p => p.Set is not null).Select(p => p.Name)] : [];
    }

    /// <summary>Paths of null values, except where null has a meaning (a selector left unset).</summary>
    private static IEnumerable<string> NullFields(JsonNode node, string path)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                var child = path.Length == 0 ? key : $"{path}.{key}";
                if (value is null && key != "secretSelector") yield return child;
                else if (value is not null) foreach (var f in NullFields(value, child)) yield return f;
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is null) yield return $"{path}[{i}]";
                else foreach (var f in NullFields(array[i]!, $"{path}[{i}]")) yield return f;
            }
        }
    }

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(KubeJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        options.Converters.Add(new DurationConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Durations in configuration are Go durations (<c>168h</c>), with <c>d</c> accepted for days (<c>7d</c>).</summary>
    private sealed class DurationConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("expected a duration such as 168h or 7d");
            var text = reader.GetString();
            return GoDuration.TryParse(text, out var d, out var error, allowDays: true) ? d : throw new JsonException($"\"{text}\" {error}");
        }

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteStringValue(GoDuration.Format(value));
    }
}
