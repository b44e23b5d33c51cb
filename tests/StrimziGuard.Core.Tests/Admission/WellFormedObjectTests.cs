using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Admission;

/// <summary>
/// The fast check of a review's object may say no to anything, but says yes only to an object System.Text.Json's reader reads to the
/// same end, with no duplicate key, and finds its top-level members where the reader's walk finds them.
/// </summary>
public sealed class WellFormedObjectTests
{
    private static readonly string Examples = RepositoryRoot.Combine("manifests", "examples", "admission-reviews");

    [Fact]
    public void Every_example_review_object_passes_the_check_with_the_members_the_reader_finds()
    {
        foreach (var obj in ExampleObjects())
        {
            var padded = Encoding.UTF8.GetBytes("[" + obj + ",1]");

            Assert.True(WellFormedObject.TryCheck(padded, 1, noteMembers: true, out var end, out var members, out var count), obj);
            Assert.Equal(ReaderEnd(padded, 1), end);
            Assert.Equal(ReaderMembers(padded, 1), Members(members, count));
        }
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData(""" { "a" : [ ] , "b" : { } , "c" : [ [ 1 , 2 ] , { "d" : null } ] } """)]
    [InlineData("{\n\t\"a\":\r\n\"b\"\n}")]
    [InlineData("""{"n": [0, -0, 1, -12, 3.25, -0.5, 1e9, 2E-7, 6.02e+23, 10.5E3]}""")]
    [InlineData("""{"t": true, "f": false, "z": null}""")]
    [InlineData("""{"s": "quote \" backslash \\ slash \/ \b\f\n\r\t and \u00e9 \uABCD"}""")]
    [InlineData("""{"long": "a string longer than the thirty-two bytes looked at in one step, with a \" in it past them"}""")]
    [InlineData("""{"": "", "ünïcödé": "κλειδί", "emoji": "🙂"}""")]
    public void Well_formed_objects_pass(string obj) =>
        Assert.True(WellFormedObject.TryCheck(Encoding.UTF8.GetBytes(obj), obj.IndexOf('{'), noteMembers: false, out _, out _, out _), obj);

    [Theory]
    [InlineData("""{"a": 1,}""", "a trailing comma")]
    [InlineData("""{"a": [1, 2,]}""", "a trailing comma in an array")]
    [InlineData("""{"a" 1}""", "no colon")]
    [InlineData("""{"a": 1 "b": 2}""", "no comma")]
    [InlineData("""{"a": 1""", "no closing brace")]
    [InlineData("""{"a": [1}""", "a brace closing an array")]
    [InlineData("""{"a": {]}""", "a bracket closing an object")]
    [InlineData("""{a: 1}""", "an unquoted key")]
    [InlineData("""{"a": 'b'}""", "single quotes")]
    [InlineData("""{"a": tru}""", "a cut literal")]
    [InlineData("""{"a": truex}""", "a literal running on")]
    [InlineData("""{"a": True}""", "a literal in other letter case")]
    [InlineData("""{"a": 01}""", "a leading zero")]
    [InlineData("""{"a": 1.}""", "a point with no digits")]
    [InlineData("""{"a": .5}""", "no digit before the point")]
    [InlineData("""{"a": -}""", "a lone minus")]
    [InlineData("""{"a": +1}""", "a plus sign")]
    [InlineData("""{"a": 1e}""", "an exponent with no digits")]
    [InlineData("""{"a": 0x1F}""", "hexadecimal")]
    [InlineData("""{"a": NaN}""", "not a number")]
    [InlineData("""{"a": "\x"}""", "an unknown escape")]
    [InlineData("""{"a": "\u12G4"}""", "a short unicode escape")]
    [InlineData("""{"a": "open}""", "an unclosed string")]
    [InlineData("""{"a": 1} // note""", "(checks the object only: this one passes)")]
    [InlineData("""{"a": /* c */ 1}""", "a comment")]
    [InlineData("""{"a": 1, "a": 2}""", "a duplicate key")]
    [InlineData("""{"m": {"x": [{"k": 1, "k": 2}]}}""", "a duplicate key deep in an array")]
    [InlineData("""{"\u0061": 1}""", "an escaped key (left to the reader's walk)")]
    public void Malformed_objects_do_not_pass(string obj, string what)
    {
        var passes = WellFormedObject.TryCheck(Encoding.UTF8.GetBytes(obj), 0, noteMembers: false, out var end, out _, out _);

        if (what.StartsWith('(')) Assert.True(passes && end == obj.IndexOf('}') + 1, what);
        else Assert.False(passes, what);
    }

    [Fact]
    public void A_control_character_or_a_byte_that_is_not_UTF_8_in_a_string_does_not_pass()
    {
        Assert.False(WellFormedObject.TryCheck("{\"a\": \"tab\there\"}"u8, 0, noteMembers: false, out _, out _, out _));
        Assert.False(WellFormedObject.TryCheck([.. "{\"a\": \""u8, 0xC3, 0x28, .. "\"}"u8], 0, noteMembers: false, out _, out _, out _));
    }

    [Fact]
    public void Nesting_deeper_than_the_check_goes_is_left_to_the_reader()
    {
        static byte[] Nested(int depth) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1));

        Assert.True(WellFormedObject.TryCheck(Nested(WellFormedObject.MaxDepth), 0, noteMembers: false, out _, out _, out _));
        Assert.False(WellFormedObject.TryCheck(Nested(WellFormedObject.MaxDepth + 1), 0, noteMembers: false, out _, out _, out _));
    }

    [Fact]
    public void On_mutated_example_objects_it_passes_only_what_the_reader_reads_to_the_same_end_and_members()
    {
        var rng = new Random(2026);
        var seeds = ExampleObjects().Select(Encoding.UTF8.GetBytes).ToArray();
        // The bytes that change a JSON text's meaning most, and two that are never valid where they land.
        var alphabet = "{}[]:,\"\\ \n0123456789.-+eEtrufalsn/ux"u8.ToArray().Append((byte)0x01).Append((byte)0xFF).ToArray();
        var passed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = seeds[rng.Next(seeds.Length)].ToList();
            for (var edits = rng.Next(1, 4); edits > 0; edits--)
            {
                var at = rng.Next(1, bytes.Count);
                var b = alphabet[rng.Next(alphabet.Length)];
                switch (rng.Next(3))
                {
                    case 0: bytes[at] = b; break;
                    case 1: bytes.Insert(at, b); break;
                    default: bytes.RemoveAt(at); break;
                }
            }
            var text = bytes.ToArray();
            if (!WellFormedObject.TryCheck(text, 0, noteMembers: true, out var end, out var members, out var count)) continue;
            passed++;
            var what = Encoding.UTF8.GetString(text);
            Assert.True(ReaderEnd(text, 0) == end, what);
            Assert.True(Record.Exception(() => JsonDocument.Parse(text.AsMemory(0, end), new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 128 })) is null, what);
            Assert.True(ReaderMembers(text, 0).SequenceEqual(Members(members, count)), what);
        }
        // Most mutations break the text; enough must survive for the property to say something.
        Assert.True(passed > 1_000, $"{passed} mutated objects passed");
    }

    private static IEnumerable<string> ExampleObjects() =>
        Directory.GetFiles(Examples, "*.json")
            .Select(file => JsonNode.Parse(File.ReadAllText(file))!["request"]!)
            .SelectMany(request => new[] { request["object"], request["oldObject"] })
            .OfType<JsonObject>()
            .Select(o => o.ToJsonString());

    /// <summary>Where the reader says the value starting at <paramref name="start"/> ends, or -1 when it refuses it.</summary>
    private static int ReaderEnd(byte[] utf8, int start)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8.AsSpan(start), new JsonReaderOptions { MaxDepth = 128 });
            reader.Read();
            reader.Skip();
            return start + (int)reader.BytesConsumed;
        }
        catch (JsonException)
        {
            return -1;
        }
    }

    /// <summary>Each top-level member's name start and length and value start and end, relative to the object, as the reader walks it.</summary>
    private static List<(int, int, int, int)> ReaderMembers(byte[] utf8, int start)
    {
        var reader = new Utf8JsonReader(utf8.AsSpan(start));
        var found = new List<(int, int, int, int)>();
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var (name, length) = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
            reader.Read();
            var value = (int)reader.TokenStartIndex;
            reader.Skip();
            found.Add((name, length, value, (int)reader.BytesConsumed));
        }
        return found;
    }

    private static List<(int, int, int, int)> Members(int[] members, int count) =>
        Enumerable.Range(0, count).Select(i => (members[4 * i], members[4 * i + 1], members[4 * i + 2], members[4 * i + 3])).ToList();
}
