using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;

namespace StrimziGuard.Core.Tests.Admission;

/// <summary>
/// The fast path refuses duplicate keys in the same pass that reads the review; whatever it refuses or gives up on, the careful path
/// must answer exactly as a parse that refuses duplicates would: a 400 naming the duplicate, or the review read in full.
/// </summary>
public sealed class DuplicateKeyCheckTests
{
    private const string Duplicate = "request.object has a duplicate key in a JSON object";

    [Theory]
    [InlineData("""{"a": 1, "a": 2}""", "at the top")]
    [InlineData("""{"metadata": {"labels": {"x": "1", "y": "2", "x": "3"}}}""", "two levels down")]
    [InlineData("""{"spec": {"containers": [{"name": "a"}, {"name": "b", "image": "i", "name": "c"}]}}""", "in an object inside an array")]
    [InlineData("""{"a": {"b": 1}, "c": [], "a": 2}""", "after a nested object closed")]
    public void A_duplicate_key_anywhere_in_the_object_is_a_400_that_names_it(string obj, string where)
    {
        var read = AdmissionReviewCodec.ReadInPlace(Review(obj));

        Assert.True(read.Error == Duplicate, where);
    }

    [Theory]
    [InlineData("""{"a": {"x": 1}, "b": {"x": 1}, "x": 1}""", "the same key in sibling and parent objects")]
    [InlineData("""{"list": [{"name": "a"}, {"name": "a"}]}""", "the same key in two objects of an array")]
    [InlineData("""{"ab": 1, "a": 2, "b": 3, "ba": 4}""", "keys that share bytes")]
    [InlineData("""{"a": 1, "\u0062": 2}""", "an escaped key (left to the careful path)")]
    public void Keys_that_are_not_duplicates_are_read(string obj, string what)
    {
        var read = AdmissionReviewCodec.ReadInPlace(Review(obj));

        Assert.True(read.Error is null, $"{what}: {read.Error}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(obj), read.Review!.Request!.Object), what);
    }

    [Fact]
    public void An_escaped_key_that_repeats_a_plain_one_is_a_duplicate() =>
        Assert.Equal(Duplicate, AdmissionReviewCodec.ReadInPlace(Review("""{"b": 1, "\u0062": 2}""")).Error);

    [Fact]
    public void An_object_with_more_keys_than_the_fast_path_checks_is_read_by_the_careful_path_with_the_same_answer()
    {
        var keys = Enumerable.Range(0, DuplicateKeyCheck.MaxKeysPerObject + 10).Select(i => $"\"k{i}\": {i}").ToList();
        var many = "{\"data\": {" + string.Join(", ", keys) + "}}";
        var manyWithDuplicate = "{\"data\": {" + string.Join(", ", keys.Append("\"k3\": 0")) + "}}";

        Assert.Null(WellFormedReview.TryRead(Review(many)));
        Assert.Null(AdmissionReviewCodec.ReadInPlace(Review(many)).Error);
        Assert.Equal(Duplicate, AdmissionReviewCodec.ReadInPlace(Review(manyWithDuplicate)).Error);
    }

    [Fact]
    public void On_random_objects_a_400_comes_exactly_when_a_parse_that_refuses_duplicates_refuses_the_object()
    {
        var rng = new Random(17);
        for (var i = 0; i < 2000; i++)
        {
            var obj = RandomObject(rng, depth: 0);
            var strict = Record.Exception(() => JsonDocument.Parse(obj, new JsonDocumentOptions { AllowDuplicateProperties = false })) is null;

            using var read = AdmissionReviewCodec.ReadInPlace(Review(obj));

            Assert.True(strict == (read.Error is null), $"{obj}: {read.Error}");
            if (!strict) Assert.Equal(Duplicate, read.Error);
        }
    }

    private static string RandomObject(Random rng, int depth)
    {
        var members = new List<string>();
        for (var n = rng.Next(depth == 0 ? 1 : 0, 6); n > 0; n--)
        {
            // Few distinct keys, so repeats are common; about one object in four has one.
            var key = rng.Next(4) == 0 ? $"k{rng.Next(3)}" : $"k{members.Count + 3}";
            var value = rng.Next(5) switch
            {
                0 when depth < 4 => RandomObject(rng, depth + 1),
                1 when depth < 4 => $"[{RandomObject(rng, depth + 1)}, 1]",
                2 => "\"v\"",
                _ => rng.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            members.Add($"\"{key}\": {value}");
        }
        return "{" + string.Join(", ", members) + "}";
    }

    private static byte[] Review(string obj) => Encoding.UTF8.GetBytes(
        "{\"apiVersion\": \"admission.k8s.io/v1\", \"request\": {\"uid\": \"u1\", \"operation\": \"CREATE\", \"resource\": {\"group\": \"\", "
        + "\"version\": \"v1\", \"resource\": \"pods\"}, \"userInfo\": {\"username\": \"bob\"}, \"object\": " + obj + "}}");
}
