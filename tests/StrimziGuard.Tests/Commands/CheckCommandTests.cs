using System.Text.Json.Nodes;
using StrimziGuard.Core;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Commands;

public sealed class CheckCommandTests
{
    private static readonly string Examples = RepositoryRoot.Combine("manifests", "examples");

    private static string Write(string yaml)
    {
        var dir = Directory.CreateTempSubdirectory("check-").FullName;
        File.WriteAllText(Path.Combine(dir, "objects.yaml"), yaml);
        return dir;
    }

    [Fact]
    public void Examples_are_judged_and_the_denials_make_exit_code_1()
    {
        var r = CliRunner.Run("check", Examples);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Kafka/kafka/legacy-cluster", r.Out);
        Assert.Contains("[cert-lifetime] spec.clusterCa.validityDays: 365 (Strimzi default when unset) exceeds the 7-day limit", r.Out);
        Assert.Matches(@"\d+ objects: \d+ allowed, \d+ denied", r.Out);
    }

    [Fact]
    public void Check_judges_network_policies_by_the_watched_namespaces_of_the_config_as_the_webhook_does()
    {
        var dir = Write("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all, namespace: kafka-dev}
            spec: {podSelector: {}, ingress: [{}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all, namespace: apps}
            spec: {podSelector: {}, ingress: [{}]}
            """);
        var config = Path.Combine(dir, "..", Path.GetFileName(dir) + "-config.yaml");
        File.WriteAllText(config, "watchNamespaces: [kafka, kafka-dev]\n");

        var r = CliRunner.Run("check", dir, "--config", config, "--output", "json");

        Assert.Equal(1, r.ExitCode);
        var rows = JsonNode.Parse(r.Out)!.AsArray();
        Assert.Contains(rows, row => (string?)row!["object"] == "NetworkPolicy/kafka-dev/allow-all" && (string?)row["decision"] == "denied");
        Assert.DoesNotContain(rows, row => (string?)row!["object"] == "NetworkPolicy/apps/allow-all" && (string?)row["decision"] == "denied");
        // Without the config every namespace is watched and none is presumed to get a Kafka cluster: nothing to deny.
        Assert.Equal(0, CliRunner.Run("check", dir).ExitCode);
    }

    [Fact]
    public void Compliant_manifests_exit_0()
    {
        var r = CliRunner.Run("check", RepositoryRoot.Combine("manifests", "examples", "cluster-state"));
        Assert.True(r.ExitCode == 0, r.Error);
    }

    [Fact]
    public void Json_output_has_one_row_per_object_and_policy()
    {
        var r = CliRunner.Run("check", RepositoryRoot.Combine("manifests", "examples", "kafka"), "--output", "json");
        var rows = JsonNode.Parse(r.Out)!.AsArray();
        Assert.Contains(rows, row => (string?)row!["object"] == "KafkaUser/kafka/reporting-app" && (string?)row["decision"] == "denied");
        Assert.All(rows, row => Assert.NotNull(row!["policy"]));
    }

    [Fact]
    public void Check_as_the_operator_warns_instead_of_denying()
    {
        var r = CliRunner.Run("check", RepositoryRoot.Combine("manifests", "examples", "kafka"), "--as", "system:serviceaccount:strimzi:strimzi-cluster-operator");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("warned (operator)", r.Out);
    }

    [Fact]
    public void List_and_multi_document_files_are_read()
    {
        var dir = Write("""
            apiVersion: v1
            kind: List
            items:
              - apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: a, namespace: kafka}
                spec: {duration: 24h, secretName: a}
            ---
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata: {name: b, namespace: kafka}
            spec: {duration: 720h, secretName: b}
            """);
        var r = CliRunner.Run("check", dir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Certificate/kafka/a", r.Out);
        Assert.Contains("720h (30 days) exceeds the 7-day limit", r.Out);
    }

    [Fact]
    public void Kinds_no_policy_reads_are_listed_as_skipped()
    {
        var r = CliRunner.Run("check", Write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("skipped", r.Out);
    }

    [Theory]
    [InlineData("check", "give at least one file")]
    [InlineData("check /no/such/dir", "/no/such/dir: no such file or directory")]
    [InlineData("check . --output xml", "--output must be table or json")]
    public void Bad_usage_exits_2(string args, string expected)
    {
        var r = CliRunner.Run(args.Split(' '));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
    }

    [Fact]
    public void Invalid_YAML_exits_2_naming_the_file_the_document_and_the_line_once()
    {
        var dir = Write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: Kafka\nmetadata: {name: [unclosed\n");
        var r = CliRunner.Run("check", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Matches(@"^strimzi-guard: \S*objects\.yaml: invalid YAML in document 2, line \d+: a \[ list is not closed with \]\n$", r.Error.ReplaceLineEndings("\n"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(r.Error, "line"));
    }

    [Fact]
    public void Check_and_review_give_the_same_verdict_for_the_same_object()
    {
        var snapshot = ManifestLoader.LoadSnapshot([Examples]);
        var dispatcher = new AdmissionDispatcher(PolicyCatalog.Default);
        foreach (var (source, obj) in ManifestLoader.Load([Examples]).Where(o => (string?)o.Object["kind"] != "AdmissionReview"))
        {
            var request = StrimziGuard.Commands.CheckCommand.CreateRequest(obj, "jane@example.com", "same-1");
            if (request is null) continue;
            var review = new JsonObject { ["apiVersion"] = AdmissionReview.V1, ["kind"] = "AdmissionReview", ["request"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(request, KubeJson.Options)) };
            var file = Path.GetTempFileName();
            File.WriteAllText(file, review.ToJsonString());

            var viaReview = CliRunner.Run("review", file, "--cluster-state", Examples);
            var viaCheck = dispatcher.Review(request, snapshot, Core.Options.GuardOptions.Default);

            Assert.True((viaReview.ExitCode == 0) == viaCheck.Allowed, source);
            Assert.Equal(viaCheck.Message, (string?)JsonNode.Parse(viaReview.Out)!["response"]!["status"]?["message"]);
        }
    }
}
