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
        GuardOptions options;
        try
        {
            options = document.Deserialize<GuardOptions>(Strict) ?? GuardOptions.Default;
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "(config)";
            var problem = e.Message.Split('\n')[0];
            var cut = problem.IndexOf(" Path:", StringComparison.Ordinal);
            return (null, [$"{field}: {(cut > 0 ? problem[..cut] : problem)}"]);
        }
        var errors = FluentErrors.From(new GuardOptionsValidator().Validate(options));
        return errors.Count == 0 ? (options, []) : (null, errors);
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
