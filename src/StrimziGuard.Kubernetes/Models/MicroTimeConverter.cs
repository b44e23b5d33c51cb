using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Kubernetes.Models;

/// <summary>
/// meta/v1 <c>MicroTime</c>: RFC 3339 with exactly six fractional digits in UTC (Go layout <c>2006-01-02T15:04:05.000000Z07:00</c>).
/// The API server parses it with that layout, so the default DateTimeOffset format (seven digits, offset) is not safe to send.
/// </summary>
public sealed class MicroTimeConverter : JsonConverter<DateTimeOffset?>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null
            ? null
            : DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value.Value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
