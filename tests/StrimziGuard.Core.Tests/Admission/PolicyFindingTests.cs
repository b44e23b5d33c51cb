using System.Text;
using System.Text.Json;
using StrimziGuard.Core.Admission;

namespace StrimziGuard.Core.Tests.Admission;

/// <summary>A finding about violations is written from the violation's words: what is written reads back as its reason and annotation.</summary>
public sealed class PolicyFindingTests
{
    private static readonly Violation Open = new("agent-port", FieldPath.Of("spec.ingress[2].from[0]"), "ipBlock 0.0.0.0/0 can reach port 8443", "remove 8443");

    [Fact]
    public void A_finding_about_violations_quotes_the_first_and_counts_the_rest()
    {
        Assert.Equal("spec.ingress[2].from[0]: ipBlock 0.0.0.0/0 can reach port 8443", new PolicyFinding("agent-port.network-policy", FindingOutcome.Denied, Open, 0).Reason);
        Assert.Equal("spec.ingress[2].from[0]: ipBlock 0.0.0.0/0 can reach port 8443 (+2 more)", new PolicyFinding("agent-port.network-policy", FindingOutcome.Denied, Open, 2).Reason);
        Assert.Equal("denied: spec.ingress[2].from[0]: ipBlock 0.0.0.0/0 can reach port 8443", new PolicyFinding("agent-port.network-policy", FindingOutcome.Denied, Open, 0).Annotation);
    }

    [Fact]
    public void It_equals_the_finding_made_with_the_same_reason_in_words()
    {
        var quoted = new PolicyFinding("agent-port.network-policy", FindingOutcome.Denied, Open, 1);
        var worded = new PolicyFinding("agent-port.network-policy", FindingOutcome.Denied, "spec.ingress[2].from[0]: ipBlock 0.0.0.0/0 can reach port 8443 (+1 more)");

        Assert.Equal(worded, quoted);
        Assert.Equal(worded.GetHashCode(), quoted.GetHashCode());
        Assert.Equal(("agent-port.network-policy", FindingOutcome.Denied, worded.Reason), (quoted.PolicyId, quoted.Outcome, quoted.Reason));
    }

    [Theory]
    [InlineData("quote \" backslash \\ <html> & ünïcödé ✓ 😀", 0)]
    [InlineData("", 3)]
    [InlineData("a finding long enough that its annotation is cut at 256 characters, ending in three dots ", 0)]
    public void What_is_written_in_pieces_reads_back_as_the_reason_and_the_annotation(string words, int more)
    {
        foreach (var finding in new[] { words, words + new string('x', 250) })
        {
            var violation = new Violation("guard", FieldPath.Of("data[tls.crt]"), finding, "fix it");
            foreach (var outcome in Enum.GetValues<FindingOutcome>())
            {
                var made = new PolicyFinding("guard.policy", outcome, violation, more);

                var written = Written(json =>
                {
                    json.WriteStartObject();
                    json.WritePropertyName("reason");
                    made.WriteReason(json);
                    json.WritePropertyName("annotation");
                    made.WriteAnnotation(json);
                    json.WriteEndObject();
                });

                using var read = JsonDocument.Parse(written);
                Assert.Equal(made.Reason, read.RootElement.GetProperty("reason").GetString());
                Assert.Equal(made.Annotation, read.RootElement.GetProperty("annotation").GetString());
                Assert.True(made.Annotation.Length <= PolicyFinding.MaxAnnotationLength);
                Assert.Equal(Written(json => json.WriteStringValue(made.Annotation)), Written(json => made.WriteAnnotation(json)));
            }
        }
    }

    private static string Written(Action<Utf8JsonWriter> write)
    {
        using var bytes = new MemoryStream();
        using (var json = new Utf8JsonWriter(bytes)) write(json);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
