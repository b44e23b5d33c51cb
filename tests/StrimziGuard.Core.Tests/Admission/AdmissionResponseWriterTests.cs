using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Patching;

namespace StrimziGuard.Core.Tests.Admission;

/// <summary>The answer written by hand is the serializer's answer byte for byte: golden files and the API server see no difference.</summary>
public sealed class AdmissionResponseWriterTests
{
    [Fact]
    public void On_random_decisions_the_answer_is_the_serializers_byte_for_byte()
    {
        var rng = new Random(31);
        for (var i = 0; i < 2000; i++)
        {
            var decision = RandomDecision(rng);
            var uid = Text(rng);

            var written = AdmissionReviewCodec.Write(uid, decision);

            var serialized = JsonSerializer.SerializeToUtf8Bytes(AdmissionReview.Answer(decision.ToResponse(uid)), KubeJson.Options);
            Assert.True(serialized.AsSpan().SequenceEqual(written), $"{Encoding.UTF8.GetString(serialized)}\n{Encoding.UTF8.GetString(written)}");
        }
    }

    [Fact]
    public void A_long_answer_after_short_ones_is_whole()
    {
        var message = new string('m', 100_000);

        AdmissionReviewCodec.Write("a", new Decision());
        var answer = JsonNode.Parse(AdmissionReviewCodec.Write("b", Decision.Error(403, message)))!;
        var next = JsonNode.Parse(AdmissionReviewCodec.Write("c", new Decision()))!;

        Assert.Equal(message, (string?)answer["response"]!["status"]!["message"]);
        Assert.Equal("c", (string?)next["response"]!["uid"]);
        Assert.Null(next["response"]!["status"]);
    }

    private static Decision RandomDecision(Random rng)
    {
        var allowed = rng.Next(3) > 0;
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var n = rng.Next(4); n > 0; n--) annotations[$"strimzi-guard.io/{Text(rng)}{n}"] = Text(rng);
        // As the dispatcher makes them: findings, some about violations (their annotations written in pieces, or cut when too long).
        var findings = new AuditAnnotationSet();
        foreach (var (key, value) in annotations) findings.Set(key, value);
        for (var n = rng.Next(3); n > 0; n--)
        {
            var finding = Text(rng) + new string('x', rng.Next(3) == 0 ? 250 : 0);
            findings.Set(rng.Next(2) == 0
                ? new PolicyFinding($"guard.policy-{n}", (FindingOutcome)rng.Next(8), Text(rng))
                : new PolicyFinding($"guard.policy-{n}", (FindingOutcome)rng.Next(8), new Violation("guard", FieldPath.Of(Text(rng)), finding, "fix"), rng.Next(3)));
        }
        return new Decision
        {
            Allowed = allowed,
            Code = allowed ? 200 : rng.Next(3) switch { 0 => 400, 1 => 403, _ => 500 },
            Message = allowed || rng.Next(5) == 0 ? null : Text(rng),
            // A denial as the dispatcher makes it: its message written from the violations' words.
            Denied = allowed || rng.Next(2) == 0 ? null
                : [.. Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => new Violation(Text(rng), FieldPath.Of(Text(rng)), Text(rng), Text(rng)))],
            Patch = rng.Next(3) == 0 ? [JsonPatchOperation.Add("/metadata/annotations/a~1b", Text(rng)), JsonPatchOperation.Remove("/x")] : [],
            Warnings = [.. Enumerable.Range(0, rng.Next(3)).Select(_ => Text(rng))],
            AuditAnnotations = rng.Next(2) == 0 ? annotations.AsReadOnly() : findings,
        };
    }

    private static string Text(Random rng) => rng.Next(6) switch
    {
        0 => "quote \" backslash \\ tab \t",
        1 => "<html> & 'single' + plus",
        2 => "ünïcödé ✓ 😀",
        3 => "",
        _ => "cert-lifetime.secret: certificate tls.crt lasts 30 days; the limit is 7",
    };
}
