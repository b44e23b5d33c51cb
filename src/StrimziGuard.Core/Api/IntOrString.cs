using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

/// <summary>The API's IntOrString: a port number or a port name.</summary>
[JsonConverter(typeof(IntOrStringConverter))]
public sealed record IntOrString
{
    private static readonly IntOrString?[] Numbers = new IntOrString?[509];

    public int? Number { get; init; }

    public string? Text { get; init; }

    /// <summary>
    /// Shared for the port numbers seen last: a record that never changes, and every NetworkPolicy review and cached NetworkPolicy names
    /// the same few ports. A slot holds the last number hashed to it; a miss costs one new value, as before.
    /// </summary>
    public static IntOrString FromNumber(int number)
    {
        ref var slot = ref Numbers[(uint)number % (uint)Numbers.Length];
        var shared = Volatile.Read(ref slot);
        if (shared?.Number == number) return shared;
        var made = new IntOrString { Number = number };
        Volatile.Write(ref slot, made);
        return made;
    }

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
