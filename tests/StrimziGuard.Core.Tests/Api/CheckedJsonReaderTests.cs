using System.Text;
using System.Text.Json;
using StrimziGuard.Core.Api;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Api;

/// <summary>
/// On JSON the review's reader has checked, the view readers' own walk sees the tokens <see cref="Utf8JsonReader"/> sees; on anything
/// else it stops without throwing.
/// </summary>
public sealed class CheckedJsonReaderTests
{
    private static readonly string Examples = RepositoryRoot.Combine("manifests", "examples", "admission-reviews");

    [Fact]
    public void Every_example_review_reads_token_for_token_as_Utf8JsonReader_reads_it()
    {
        foreach (var file in Directory.GetFiles(Examples, "*.json"))
            AssertSameTokens(File.ReadAllBytes(file));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData(""" { "a" : [ ] , "b" : { } , "c" : [ [ 1 , 2 ] , { "d" : null } ] } """)]
    [InlineData("{\n\t\"a\":\r\n\"b\"\n}")]
    [InlineData("""{"n": [0, -0, 1, -12, 3.25, -0.5, 1e9, 2E-7, 6.02e+23, 10.5E3, 2147483648, -9223372036854775809]}""")]
    [InlineData("""{"t": true, "f": false, "z": null}""")]
    [InlineData("""{"s": "quote \" backslash \\ slash \/ \b\f\n\r\t and \u00e9 \uABCD", "k\"ey": "\\"}""")]
    [InlineData("""{"": "", "ünïcödé": "κλειδί", "emoji": "🙂"}""")]
    [InlineData("""["a", {"b": ["c", {"d": "e"}]}, 7]""")]
    public void Well_formed_text_reads_token_for_token_as_Utf8JsonReader_reads_it(string json) => AssertSameTokens(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Skipping_a_value_lands_where_Utf8JsonReader_lands()
    {
        var json = Encoding.UTF8.GetBytes("""{"a": {"b": [1, {"c": "}]\"{["}], "d": {}}, "e": [[], [[]]], "f": "g"}""");
        var expected = new Utf8JsonReader(json);
        var actual = new CheckedJsonReader(json);
        while (expected.Read() && actual.Read())
        {
            if (expected.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && expected.CurrentDepth > 0)
            {
                Assert.True(expected.TrySkip());
                Assert.True(actual.TrySkip());
            }
            Assert.Equal(expected.TokenType, actual.TokenType);
        }
        Assert.False(actual.Read());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("42")]
    [InlineData("1.0")]
    [InlineData("1e2")]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    public void Numbers_are_integers_exactly_when_Utf8JsonReader_says_so(string number)
    {
        var bytes = Encoding.UTF8.GetBytes($"[{number}]");
        var expected = new Utf8JsonReader(bytes);
        var actual = new CheckedJsonReader(bytes);
        expected.Read();
        expected.Read();
        actual.Read();
        actual.Read();

        Assert.Equal(expected.TryGetInt32(out var a), actual.TryGetInt32(out var b));
        Assert.Equal(a, b);
        Assert.Equal(expected.TryGetInt64(out var c), actual.TryGetInt64(out var d));
        Assert.Equal(c, d);
    }

    [Fact]
    public void On_broken_text_it_stops_and_never_throws()
    {
        var rng = new Random(2027);
        var seed = File.ReadAllBytes(Directory.GetFiles(Examples, "*.json")[0]);
        var alphabet = "{}[]:,\"\\ \n0123456789.-+eEtrufalsn/ux"u8.ToArray().Append((byte)0xFF).ToArray();
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = seed.ToList();
            for (var edits = rng.Next(1, 6); edits > 0; edits--)
            {
                var at = rng.Next(bytes.Count);
                switch (rng.Next(3))
                {
                    case 0: bytes[at] = alphabet[rng.Next(alphabet.Length)]; break;
                    case 1: bytes.Insert(at, alphabet[rng.Next(alphabet.Length)]); break;
                    default: bytes.RemoveRange(at, Math.Min(rng.Next(1, 40), bytes.Count - at)); break;
                }
            }
            var text = bytes.ToArray();
            Assert.Null(Record.Exception(() => Walk(text)));
        }
    }

    /// <summary>Every token, skipping every other object or array, to the end: at most one step per byte, so it always ends.</summary>
    private static void Walk(byte[] text)
    {
        var reader = new CheckedJsonReader(text);
        var steps = 0;
        var skip = false;
        while (reader.Read())
        {
            Assert.True(++steps <= text.Length);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && (skip = !skip)) reader.TrySkip();
            if (reader.TokenType == JsonTokenType.Number) reader.TryGetInt64(out _);
        }
    }

    private static void AssertSameTokens(byte[] json)
    {
        var expected = new Utf8JsonReader(json);
        var actual = new CheckedJsonReader(json);
        var tokens = 0;
        while (expected.Read())
        {
            Assert.True(actual.Read(), $"token {tokens}: ended early");
            Assert.Equal(expected.TokenType, actual.TokenType);
            if (expected.TokenType is JsonTokenType.PropertyName or JsonTokenType.String or JsonTokenType.Number)
            {
                Assert.Equal(Encoding.UTF8.GetString(expected.ValueSpan), Encoding.UTF8.GetString(actual.ValueSpan));
                Assert.Equal(expected.ValueIsEscaped, actual.ValueIsEscaped);
            }
            if (expected.TokenType is JsonTokenType.PropertyName or JsonTokenType.String) Assert.Equal(expected.GetString(), actual.GetString());
            tokens++;
        }
        Assert.False(actual.Read());
        Assert.True(tokens > 0);
    }
}
