using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

/// <summary>The API's IntOrString: a port number or a port name.</summary>
[JsonConverter(typeof(IntOrStringConverter))]
public sealed record IntOrString
{
    public int? Number { get; init; }

    public string? Text { get; init; }

    public static IntOrString FromNumber(int number) => new() { Number = number };

    public static IntOrString FromText(string text) => new() { Text = text };

    public override string ToString() => Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Text ?? "";

    private sealed class IntOrStringConverter : JsonConverter<IntOrString>
    {
        public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.Number => FromNumber(reader.GetInt32()),
                JsonTokenType.String => FromText(reader.GetString()!),
                _ => throw new JsonException("expected a port number or a port name"),
            };

        public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
        {
            if (value.Number is { } n) writer.WriteNumberValue(n);
            else writer.WriteStringValue(value.Text);
        }
    }
}
