using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Admission;

/// <summary>
/// The codec's one-parse reader of a well-formed review must give the request the deserializer gives, field for field, and leave
/// everything it does not recognise to the careful path, which then reads it exactly as before.
/// </summary>
public sealed class WellFormedReviewTests
{
    private static readonly string Examples = RepositoryRoot.Combine("manifests", "examples", "admission-reviews");

    public static TheoryData<string> ExampleFiles() => [.. Directory.GetFiles(Examples, "*.json").Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Every_example_review_reads_to_the_request_the_deserializer_reads(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Examples, file));

        var fast = WellFormedReview.TryRead(bytes);
        var deserialized = JsonSerializer.Deserialize<AdmissionReview>(bytes, KubeJson.Options);

        Assert.NotNull(fast);
        Assert.Equal(JsonSerializer.Serialize(deserialized, KubeJson.Options), JsonSerializer.Serialize(fast, KubeJson.Options));
    }

    [Fact]
    public void An_old_object_left_to_the_readers_walk_after_an_object_the_fast_check_passed_reads_to_the_deserializers_request()
    {
        // Nested past WellFormedObject.MaxDepth: the fast check passes the object, leaves the old object to the reader's walk, which then
        // reads from a reader made anew after the object.
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", WellFormedObject.MaxDepth + 2)) + "1" + new string('}', WellFormedObject.MaxDepth + 2);
        var body = Encoding.UTF8.GetBytes(
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u1\",\"operation\":\"UPDATE\","
            + "\"resource\":{\"group\":\"\",\"version\":\"v1\",\"resource\":\"configmaps\"},\"userInfo\":{\"username\":\"bob\"},"
            + "\"object\":{\"metadata\":{\"name\":\"a\",\"labels\":{\"x\":\"1\"}},\"data\":{\"k\":\"v\"}},"
            + $"\"oldObject\":{{\"metadata\":{{\"name\":\"a\"}},\"deep\":{deep}}},\"options\":{{\"kind\":\"UpdateOptions\"}}}}}}");

        var fast = WellFormedReview.TryRead(body);
        var deserialized = JsonSerializer.Deserialize<AdmissionReview>(body, KubeJson.Options);

        Assert.NotNull(fast);
        Assert.Equal(JsonSerializer.Serialize(deserialized, KubeJson.Options), JsonSerializer.Serialize(fast, KubeJson.Options));
        Assert.Equal("a", fast.Request!.OldObjectMemberAs<V1ObjectMeta>("metadata")?.Name);
        Assert.Equal("1", fast.Request.ObjectMemberAs<V1ObjectMeta>("metadata")?.Labels?["x"]);
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Every_example_review_reads_the_same_in_place_as_from_a_copy(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Examples, file));

        using var inPlace = AdmissionReviewCodec.ReadInPlace(bytes);
        var copied = AdmissionReviewCodec.Read(bytes);

        Assert.Null(inPlace.Error);
        Assert.Equal(JsonSerializer.Serialize(copied.Review, KubeJson.Options), JsonSerializer.Serialize(inPlace.Review, KubeJson.Options));
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Every_top_level_member_reads_the_same_from_the_body_as_from_the_parsed_tree(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Examples, file));
        var fast = AdmissionReviewCodec.ReadInPlace(bytes).Review!.Request!;
        var tree = AdmissionReviewCodec.Read(bytes).Review!.Request!;
        var names = (tree.Object as JsonObject)?.Select(p => p.Key).ToList() ?? [];

        foreach (var name in names.Append("absent"))
        {
            Assert.Equal(
                tree.Object is JsonObject o && o[name] is { } m ? m.ToJsonString() : "null",
                JsonSerializer.Serialize(fast.ObjectMemberAs<JsonNode>(name)));
        }
        Assert.Equal(tree.Object is JsonObject { Count: > 0 }, names.Count > 0);
    }

    [Fact]
    public void Members_holding_any_kind_of_value_are_found_by_name()
    {
        var obj = """{"s": "x", "n": 1.5, "t": true, "z": null, "a": [1, {"s": 2}], "o": {"s": {"s": 3}}, "e": {}, "ea": [], "last": "y"}""";
        var request = AdmissionReviewCodec.ReadInPlace(Encoding.UTF8.GetBytes(
            "{\"apiVersion\": \"admission.k8s.io/v1\", \"request\": {\"uid\": \"u1\", \"operation\": \"CREATE\", \"resource\": {\"group\": \"\", "
            + "\"version\": \"v1\", \"resource\": \"pods\"}, \"userInfo\": {}, \"object\": " + obj + "}}")).Review!.Request!;

        foreach (var (name, value) in JsonNode.Parse(obj)!.AsObject())
            Assert.Equal(value?.ToJsonString() ?? "null", JsonSerializer.Serialize(request.ObjectMemberAs<JsonNode>(name)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"apiVersion\": \"admission.k8s.io/v1\", \"apiVersion\": \"admission.k8s.io/v1\", \"request\": {}}")]
    [InlineData("{\"apiVersion\": \"admission.k8s.io/v1beta1\", \"request\": {\"uid\": \"u1\"}}")]
    [InlineData("{\"apiVersion\": \"admission.k8s.io/v1\", \"request\": {\"uid\": \"u1\", \"operation\": \"CREATE\", \"resource\": {\"group\": \"\", \"version\": \"v1\", \"resource\": \"pods\"}, \"userInfo\": {}, \"object\": {\"a\": 1, \"a\": 2}}}")]
    public void A_body_that_is_not_a_well_formed_review_gets_the_same_answer_in_place(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        using var inPlace = AdmissionReviewCodec.ReadInPlace(bytes);
        var copied = AdmissionReviewCodec.Read(bytes);

        Assert.NotNull(inPlace.Error);
        Assert.Equal(copied.Error, inPlace.Error);
        Assert.Equal(copied.Uid, inPlace.Uid);
    }

    [Fact]
    public void An_object_read_in_place_cannot_be_read_after_the_parse_is_returned()
    {
        var read = AdmissionReviewCodec.ReadInPlace(File.ReadAllBytes(Path.Combine(Examples, "kafka-create-compliant.json")));
        var request = read.Review!.Request!;
        Assert.Equal("my-cluster", request.SubjectAs<Kafka>().Metadata.Name);

        read.Dispose();

        Assert.Throws<ObjectDisposedException>(() => request.SubjectAs<Kafka>());
    }

    [Theory]
    [InlineData("\"uid\": 7", "a number where a string belongs")]
    [InlineData("\"UID\": \"x\"", "a key in another case (the deserializer accepts it)")]
    [InlineData("\"x-extra\": true", "a field the request does not have")]
    [InlineData("\"userInfo\": {\"username\": \"alice\", \"x\": 1}", "a userInfo field kept in extension data")]
    [InlineData("\"kind\": [1]", "a kind that is not an object")]
    [InlineData("\"dryRun\": \"yes\"", "a dryRun that is not a boolean")]
    public void A_request_it_does_not_recognise_is_left_to_the_careful_path_which_reads_it_as_before(string member, string what)
    {
        var bytes = Encoding.UTF8.GetBytes(
            "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"u1\", \"operation\": \"CREATE\", "
            + "\"resource\": {\"group\": \"\", \"version\": \"v1\", \"resource\": \"pods\"}, \"userInfo\": {\"username\": \"bob\"}, " + member + "}}");

        Assert.True(WellFormedReview.TryRead(bytes) is null, what);
        var read = AdmissionReviewCodec.Read(bytes);
        var expected = Record.Exception(() => JsonSerializer.Deserialize<AdmissionReview>(bytes, KubeJson.Options)) is null;
        Assert.Equal(expected, read.Error is null || read.Review is not null);
    }

    [Fact]
    public void A_duplicate_key_inside_the_object_is_left_to_the_careful_path_which_words_it()
    {
        var bytes = Encoding.UTF8.GetBytes(
            "{\"apiVersion\": \"admission.k8s.io/v1\", \"request\": {\"uid\": \"u1\", \"operation\": \"CREATE\", \"resource\": {\"group\": \"\", "
            + "\"version\": \"v1\", \"resource\": \"pods\"}, \"userInfo\": {}, \"object\": {\"metadata\": {\"name\": \"a\", \"name\": \"b\"}}}}");

        Assert.Null(WellFormedReview.TryRead(bytes));
        Assert.Equal("request.object has a duplicate key in a JSON object", AdmissionReviewCodec.Read(bytes).Error);
    }

    [Fact]
    public void A_typed_view_reads_the_same_before_and_after_the_tree_is_built_and_follows_a_change_to_the_tree()
    {
        var request = Pod();
        var before = request.SubjectAs<V1Pod>().Metadata.Name;

        var tree = request.Object!;
        Assert.Equal(before, request.SubjectAs<V1Pod>().Metadata.Name);
        tree["metadata"]!["name"] = "renamed";

        Assert.Equal("renamed", request.SubjectAs<V1Pod>().Metadata.Name);
        Assert.Equal("renamed", request.SubjectMemberAs<V1ObjectMeta>("metadata").Name);
        Assert.Equal("renamed", JsonNode.Parse(JsonSerializer.Serialize(request, KubeJson.Options))!["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void A_view_to_decide_on_skips_unknown_fields_and_a_copy_to_change_keeps_them()
    {
        var request = Pod();

        Assert.Null(request.SubjectAs<V1Pod>().Metadata.Extra);
        Assert.NotNull(request.SubjectToChangeAs<V1Pod>().Metadata.Extra);
    }

    private static AdmissionRequest Pod() => AdmissionReviewCodec.Read(Encoding.UTF8.GetBytes(
        "{\"apiVersion\": \"admission.k8s.io/v1\", \"request\": {\"uid\": \"u1\", \"operation\": \"CREATE\", \"resource\": {\"group\": \"\", "
        + "\"version\": \"v1\", \"resource\": \"pods\"}, \"userInfo\": {\"username\": \"bob\"}, "
        + "\"object\": {\"kind\": \"Pod\", \"metadata\": {\"name\": \"a\", \"x-unknown\": 1}}}}")).Review!.Request!;
}
