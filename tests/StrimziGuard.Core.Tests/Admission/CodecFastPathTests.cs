using System.Text;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Admission;

/// <summary>
/// The codec's fast path skips the walk of the object's tree only when the body is valid UTF-8 with no escaped surrogate and no duplicate
/// key; everything else is checked as before. Every example review reads to the same request either way, and the cases the walk exists
/// for are still 400s.
/// </summary>
public sealed class CodecFastPathTests
{
    private static readonly string Examples = RepositoryRoot.Combine("manifests", "examples", "admission-reviews");

    [Fact]
    public void Every_example_review_reads_the_same_with_an_escaped_character_that_sends_it_through_the_tree_walk()
    {
        foreach (var file in Directory.GetFiles(Examples, "*.json"))
        {
            var text = File.ReadAllText(file);
            // A valid surrogate pair (an emoji) beside the request: readable, but the fast path leaves such a body to the walk.
            var escaped = "{\"x-note\": \"\\ud83d\\ude00\", " + text.TrimStart()[1..];
            Assert.NotEqual(text, escaped);
            var fast = AdmissionReviewCodec.Read(Encoding.UTF8.GetBytes(text));
            var walked = AdmissionReviewCodec.Read(Encoding.UTF8.GetBytes(escaped));
            Assert.Null(fast.Error);
            Assert.Null(walked.Error);
            Assert.Equal(fast.Review!.Request!.Subject?.ToJsonString(), walked.Review!.Request!.Subject?.ToJsonString());
        }
    }

    [Fact]
    public void A_byte_that_is_not_UTF_8_inside_the_object_is_a_400_not_a_policy_error()
    {
        var text = File.ReadAllText(Path.Combine(Examples, "pod-create-by-cluster-operator-during-key-replacement.json"));
        var bytes = Encoding.UTF8.GetBytes(text.Replace("\"kind\": \"Pod\",", "\"kind\": \"Pod\", \"x\": \"#\",", StringComparison.Ordinal)).ToList();
        bytes[bytes.IndexOf((byte)'#')] = 0xC3;

        var read = AdmissionReviewCodec.Read(bytes.ToArray());

        Assert.NotNull(read.Error);
        Assert.Null(read.Review);
    }
}
