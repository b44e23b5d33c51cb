using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Patching;

namespace StrimziGuard.Core.Tests.Patching;

public sealed class JsonPatchTests
{
    [Fact]
    public void Diff_of_typed_objects_keeps_fields_the_types_do_not_model()
    {
        var pod = KubeJson.Read<V1Pod>(JsonNode.Parse("""
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "annotations": {"a": "1"}, "futureMeta": [1, 2]},
             "spec": {"containers": [{"name": "kafka", "image": "x", "ports": [{"containerPort": 8443, "name": "tcp-kafkaagent"}]}]},
             "status": {"phase": "Running"}}
            """)!);
        var changed = KubeJson.Clone(pod);
        changed.Metadata.Annotations!["strimzi.io/cluster-ca-key-generation"] = "1";

        var ops = JsonPatchDiff.Diff(pod, changed);

        Assert.Equal("""[{"op":"add","path":"/metadata/annotations/strimzi.io~1cluster-ca-key-generation","value":"1"}]""", JsonPatchOperation.ToJson(ops).ToJsonString());
    }

    [Fact]
    public void Applying_a_diff_turns_the_original_into_the_result()
    {
        var a = JsonNode.Parse("""{"x": 1, "list": [1, 2], "gone": true, "nested": {"keep": "k", "change": "old"}}""");
        var b = JsonNode.Parse("""{"x": 2, "list": [1, 2, 3], "nested": {"keep": "k", "change": "new", "added": null}}""");
        Assert.True(JsonNode.DeepEquals(b, JsonPatch.Apply(a, JsonPatchDiff.Diff(a, b))));
    }

    [Fact]
    public void A_map_diff_is_the_typed_diff_of_the_metadata_holding_the_maps()
    {
        var rng = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var (a, b) = (RandomMap(rng), RandomMap(rng));
            var typed = JsonPatchDiff.Diff(new V1ObjectMeta { Annotations = a }, new V1ObjectMeta { Annotations = b }, "/metadata");
            Assert.Equal(JsonPatchOperation.ToJson(typed).ToJsonString(), JsonPatchOperation.ToJson(JsonPatchDiff.DiffMap(a, b, "/metadata/annotations")).ToJsonString());
        }
    }

    [Fact]
    public void Operations_written_straight_are_the_bytes_of_their_printed_tree()
    {
        var rng = new Random(11);
        string[] texts = ["v", "<b>&'\"+", "ü/~1", "line\nbreak", "\u0001", "😀"];
        JsonNode?[] values = [null, JsonValue.Create(3), JsonValue.Create(true), JsonNode.Parse("""{"a": [1, "x<"], "b": null}"""), JsonNode.Parse("\"from-element\"")];
        for (var i = 0; i < 300; i++)
        {
            var ops = Enumerable.Range(0, rng.Next(4)).Select(_ =>
            {
                var path = "/metadata/annotations/" + texts[rng.Next(texts.Length)];
                return rng.Next(5) switch
                {
                    0 => JsonPatchOperation.Remove(path),
                    1 => new JsonPatchOperation("move", path, From: "/" + texts[rng.Next(texts.Length)]),
                    2 => JsonPatchOperation.Add(path, texts[rng.Next(texts.Length)]),
                    3 => JsonPatchOperation.Test(path, values[rng.Next(values.Length)]?.DeepClone()),
                    _ => JsonPatchOperation.Replace(path, values[rng.Next(values.Length)]?.DeepClone()),
                };
            }).ToList();
            var written = new System.Buffers.ArrayBufferWriter<byte>();

            JsonPatchOperation.WriteTo(written, ops);

            Assert.Equal(JsonPatchOperation.ToJson(ops).ToJsonString(), System.Text.Encoding.UTF8.GetString(written.WrittenSpan));
        }
    }

    private static Dictionary<string, string>? RandomMap(Random rng)
    {
        if (rng.Next(6) == 0) return null;
        var map = new Dictionary<string, string>();
        for (var n = rng.Next(5); n > 0; n--) map[$"example.com/k~{rng.Next(6)}"] = $"v{rng.Next(3)}";
        return map;
    }

    [Fact]
    public void Identical_documents_give_an_empty_patch() =>
        Assert.Empty(JsonPatchDiff.Diff(JsonNode.Parse("""{"a": [1, {"b": 2}]}"""), JsonNode.Parse("""{"a": [1, {"b": 2}]}""")));

    [Fact]
    public void Failed_test_operation_rejects_the_whole_patch()
    {
        var doc = JsonNode.Parse("""{"metadata": {"resourceVersion": "5"}}""");
        var ops = JsonPatch.Parse(JsonNode.Parse("""[{"op": "test", "path": "/metadata/resourceVersion", "value": "4"}, {"op": "add", "path": "/x", "value": 1}]"""));
        Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(doc, ops));
    }

    [Fact]
    public void Array_append_move_copy_and_remove_follow_RFC_6902()
    {
        var doc = JsonNode.Parse("""{"a": [1, 2], "b": {"c": 3}}""");
        var ops = JsonPatch.Parse(JsonNode.Parse("""
            [{"op": "add", "path": "/a/-", "value": 9}, {"op": "copy", "from": "/b/c", "path": "/d"},
             {"op": "move", "from": "/a/0", "path": "/e"}, {"op": "remove", "path": "/b"}]
            """));
        Assert.Equal("""{"a":[2,9],"d":3,"e":1}""", JsonPatch.Apply(doc, ops)!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"op": "add"}""")]
    [InlineData("""[{"op": "add", "path": "/x"}]""")]
    [InlineData("""[{"op": "frobnicate", "path": "/x", "value": 1}]""")]
    [InlineData("""[{"op": "remove", "path": "/missing"}]""")]
    [InlineData("""[{"op": "add", "path": "/a/07", "value": 1}]""")]
    public void Malformed_patches_are_rejected_with_a_JsonPatchException(string patch) =>
        Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(JsonNode.Parse("""{"a": [1]}"""), JsonPatch.Parse(JsonNode.Parse(patch))));
}
