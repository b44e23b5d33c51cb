using System.Text.Json.Nodes;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Commands;

public sealed class ReviewCommandTests
{
    private static string Review(string name) => RepositoryRoot.Combine("manifests", "examples", "admission-reviews", name);

    private static readonly string ClusterState = RepositoryRoot.Combine("manifests", "examples", "cluster-state");

    [Fact]
    public void Allowed_review_exits_0_and_prints_the_response_with_the_uid()
    {
        var r = CliRunner.Run("review", Review("kafka-create-compliant.json"), "--cluster-state", ClusterState);
        Assert.Equal(0, r.ExitCode);
        var response = JsonNode.Parse(r.Out)!["response"]!;
        Assert.Equal("00000000-0000-4000-8000-000000000002", (string?)response["uid"]);
        Assert.True((bool)response["allowed"]!);
    }

    [Fact]
    public void Denied_review_exits_1_with_the_reason_in_status_message()
    {
        var r = CliRunner.Run("review", Review("kafka-create-defaults-365d.json"));
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("[cert-lifetime] spec.clusterCa.validityDays: 365", (string?)JsonNode.Parse(r.Out)!["response"]!["status"]!["message"]);
    }

    [Fact]
    public void Review_reads_stdin_when_given_a_dash()
    {
        var r = CliRunner.RunWithStdin(File.ReadAllText(Review("kafka-create-compliant.json")), "review", "-");
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void Review_accepts_a_YAML_AdmissionReview()
    {
        var r = CliRunner.Run("review", Path.Combine(Fixtures.Folder, "admissionreview-pod-delete-by-cluster-operator.yaml"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("0f3c7a1e-6b2d-4e9f-a8c4-5d1b3e7f9a40", r.Out);
    }

    [Fact]
    public void Path_option_answers_as_that_webhook_alone()
    {
        var mutate = CliRunner.Run("review", Review("kafka-create-defaults-365d.json"), "--path", "/mutate/cert-lifetime");
        Assert.Equal(0, mutate.ExitCode);
        Assert.Equal("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"00000000-0000-4000-8000-000000000001","allowed":true}}""", mutate.Out.Trim());
    }

    [Theory]
    [InlineData("not json and not yaml: [", "invalid YAML")]
    [InlineData("""{"apiVersion": "admission.k8s.io/v1beta1", "request": {"uid": "x"}}""", "only admission.k8s.io/v1 is served")]
    [InlineData("""{"apiVersion": "v1", "kind": "ConfigMap"}""", "apiVersion is 'v1'")]
    [InlineData("{", "malformed JSON")]
    public void Input_that_is_not_an_AdmissionReview_exits_2_with_one_line(string stdin, string expected)
    {
        var r = CliRunner.RunWithStdin(stdin, "review");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.Single(r.Error.TrimEnd().Split('\n'));
        Assert.Empty(r.Out);
    }

    [Theory]
    [InlineData("review --frobnicate", "unknown option '--frobnicate'")]
    [InlineData("review --path /validate/nothing", "unknown webhook path '/validate/nothing'")]
    [InlineData("review missing-file.json", "missing-file.json: cannot read")]
    [InlineData("review a.json b.json", "unexpected argument 'b.json'")]
    [InlineData("review --config /nonexistent/config.yaml", "/nonexistent/config.yaml: cannot read")]
    [InlineData("frobnicate", "unknown command 'frobnicate'")]
    public void Bad_usage_exits_2_with_one_line_and_no_stack_trace(string args, string expected)
    {
        var r = CliRunner.Run(args.Split(' '));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    [Fact]
    public void Invalid_config_file_exits_2_naming_the_field()
    {
        var config = Path.GetTempFileName();
        File.WriteAllText(config, "certLifetime:\n  mode: Sometimes\n");
        var r = CliRunner.Run("review", Review("kafka-create-compliant.json"), "--config", config);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("certLifetime.mode", r.Error);
    }

    [Fact]
    public void Config_in_Warn_mode_turns_a_denial_into_a_warning()
    {
        var config = Path.GetTempFileName();
        File.WriteAllText(config, "certLifetime:\n  mode: Warn\n");
        var r = CliRunner.Run("review", Review("kafka-create-defaults-365d.json"), "--config", config);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, JsonNode.Parse(r.Out)!["response"]!["warnings"]!.AsArray().Count);
    }

    [Fact]
    public void Empty_stdin_says_so()
    {
        var r = CliRunner.RunWithStdin("", "review", "-");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("strimzi-guard: review: stdin is empty; pipe an AdmissionReview in (strimzi-guard review - < review.json) or give a FILE", r.Error.TrimEnd());
    }
}
