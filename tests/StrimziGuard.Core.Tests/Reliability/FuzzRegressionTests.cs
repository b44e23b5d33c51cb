using System.Text;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Certificates;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Reliability;

/// <summary>Inputs the fuzzer (tests/StrimziGuard.Fuzz) found to break Core, minimized, each with the behaviour it must keep.</summary>
public sealed class FuzzRegressionTests
{
    private const string Review = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":";

    public static TheoryData<string, byte[], string> UnreadableBodies() => new()
    {
        { "duplicate key", Encoding.UTF8.GetBytes("{\"apiVersion\":\"admission.k8s.io/v1\",\"apiVersion\":\"admission.k8s.io/v1\",\"request\":{}}"), "duplicate key" },
        { "lone surrogate", Encoding.UTF8.GetBytes(Review + "{\"uid\":\"\\ud800\"}}"), "not valid Unicode" },
        { "overlong UTF-8", [.. Encoding.UTF8.GetBytes(Review + "{\"uid\":\""), 0xC0, 0x80, .. Encoding.UTF8.GetBytes("\"}}")], "not valid Unicode" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public void A_body_the_json_tree_refuses_to_index_is_a_read_error_not_an_exception(string name, byte[] body, string error)
    {
        var read = AdmissionReviewCodec.Read(body);
        Assert.Null(read.Review);
        Assert.True(read.Error?.Contains(error, StringComparison.Ordinal), $"{name}: {read.Error}");
    }

    [Theory]
    [InlineData("data")]
    [InlineData("stringData")]
    public void A_null_certificate_value_in_a_Secret_is_a_violation_not_a_policy_error(string field)
    {
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "s", ["namespace"] = "kafka", ["labels"] = new JsonObject { ["strimzi.io/cluster"] = "c" } },
            [field] = new JsonObject { ["tls.crt"] = null },
        };
        var decision = new AdmissionDispatcher(PolicyCatalog.Default).Review(Requests.Create(secret), ClusterSnapshot.Empty, GuardOptions.Default);
        Assert.DoesNotContain(decision.Findings, f => f.Outcome == FindingOutcome.Errored);
        Assert.False(decision.Allowed);
        Assert.Contains($"{field}.tls.crt: is null", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_with_null_metadata_reads_as_empty_metadata()
    {
        var secret = KubeJson.Read<V1Secret>(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = null });
        Assert.NotNull(secret.Metadata);
        Assert.Equal("", secret.Name);
        Assert.Null(secret.Namespace);
        Assert.Single(ClusterSnapshot.From([secret]).Secrets.All);
    }

    [Theory]
    [InlineData(600_000_010L)]
    [InlineData(18_000_000_005L)]
    [InlineData(1L)]
    [InlineData(5L)]
    public void A_formatted_duration_never_uses_scientific_notation_and_parses_back(long ticks)
    {
        var printed = GoDuration.Format(TimeSpan.FromTicks(ticks));
        Assert.DoesNotContain("E", printed, StringComparison.Ordinal);
        Assert.True(GoDuration.TryParse(printed, out var again, out var error), $"{printed}: {error}");
        Assert.Equal(ticks, again.Ticks);
    }

    [Theory]
    [InlineData("certLifetime", null, "certLifetime: is empty")]
    [InlineData("operator", "namespace", "operator.namespace: is empty")]
    public void An_empty_config_section_is_a_config_error_naming_the_field(string section, string? child, string error)
    {
        var document = new JsonObject { [section] = child is null ? null : new JsonObject { [child] = null } };
        var (options, errors) = GuardOptionsReader.Read(document);
        Assert.Null(options);
        Assert.Contains(errors, e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_null_secret_selector_still_means_no_selector()
    {
        var (options, errors) = GuardOptionsReader.Read(new JsonObject { ["certLifetime"] = new JsonObject { ["secretSelector"] = null } });
        Assert.Empty(errors);
        Assert.Null(options!.CertLifetime.SecretSelector);
    }

    [Fact]
    public void Duplicate_keys_or_invalid_Unicode_inside_the_object_are_a_400_not_a_policy_error()
    {
        var review = File.ReadAllText(RepositoryRoot.Combine("manifests", "examples", "admission-reviews", "pod-create-by-cluster-operator-during-key-replacement.json"));
        var duplicate = review.Replace("\"kind\": \"Pod\",\n      \"metadata\"", "\"kind\": \"Pod\", \"kind\": \"Pod\",\n      \"metadata\"", StringComparison.Ordinal);
        var surrogate = review.Replace("\"kind\": \"Pod\",\n      \"metadata\"", "\"kind\": \"Pod\", \"x\": \"\\ud800\",\n      \"metadata\"", StringComparison.Ordinal);
        Assert.NotEqual(review, duplicate);
        Assert.Equal("request.object has a duplicate key in a JSON object", AdmissionReviewCodec.Read(Encoding.UTF8.GetBytes(duplicate)).Error);
        Assert.Equal("request.object has a string that is not valid Unicode", AdmissionReviewCodec.Read(Encoding.UTF8.GetBytes(surrogate)).Error);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"a pod\"")]
    public void An_object_under_review_that_is_not_a_JSON_object_is_a_400_not_a_policy_error(string value)
    {
        var review = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("manifests", "examples", "admission-reviews", "pod-create-by-cluster-operator-during-key-replacement.json")))!;
        review["request"]!["object"] = JsonNode.Parse(value);
        Assert.Equal("request.object is not a JSON object", AdmissionReviewCodec.Read(Encoding.UTF8.GetBytes(review.ToJsonString())).Error);
    }

    [Fact]
    public void A_review_without_userInfo_is_a_400_not_a_dispatcher_crash()
    {
        var review = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("manifests", "examples", "admission-reviews", "kafka-create-compliant.json")))!;
        review["request"]!["userInfo"] = null;
        Assert.Equal("request.userInfo is missing", AdmissionReviewCodec.Read(Encoding.UTF8.GetBytes(review.ToJsonString())).Error);
    }

    [Fact]
    public void A_null_ingress_rule_reads_as_the_empty_rule_the_API_server_stores_which_opens_every_port()
    {
        var policy = KubeJson.Read<V1NetworkPolicy>(JsonNode.Parse("""{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"p"},"spec":{"ingress":[null,{"from":[null],"ports":[null]}]}}""")!);
        Assert.Equal(2, policy.Spec!.Ingress!.Count);
        Assert.Null(policy.Spec.Ingress[0].From);
        Assert.Null(policy.Spec.Ingress[0].Ports);
        Assert.NotNull(Assert.Single(policy.Spec.Ingress[1].From!));
        Assert.Null(Assert.Single(policy.Spec.Ingress[1].Ports!).Port);
    }
}
