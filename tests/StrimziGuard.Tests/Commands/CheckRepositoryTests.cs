using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Commands;

/// <summary><c>check</c> on a GitOps repository as it is: manifests beside dashboards, Helm charts and values, and AdmissionReviews.</summary>
public sealed class CheckRepositoryTests
{
    private const string Kafka = """
        apiVersion: kafka.strimzi.io/v1beta2
        kind: Kafka
        metadata: {name: short, namespace: kafka}
        spec:
          clusterCa: {validityDays: 7, renewalDays: 2}
          clientsCa: {validityDays: 7, renewalDays: 2}
        """;

    private static string Repository(params (string Name, string Text)[] files)
    {
        var dir = Directory.CreateTempSubdirectory("check-repo-").FullName;
        foreach (var (name, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, name))!);
            File.WriteAllText(Path.Combine(dir, name), text);
        }
        return dir;
    }

    [Fact]
    public void A_directory_mixing_manifests_a_dashboard_and_a_Helm_template_judges_the_manifests_and_skips_the_rest_one_line_each()
    {
        var dir = Repository(
            ("kafka/kafka.yaml", Kafka),
            ("dashboards/kafka.json", """{"title": "Kafka", "panels": [{"type": "graph"}], "schemaVersion": 39}"""),
            ("chart/templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\n"),
            ("chart/values.yaml", "replicaCount: 3\nimage: {repository: app, tag: latest}\n"),
            ("keycloak/realm.json", """{"realm": "kafka", "enabled": true, "clients": []}"""));

        var r = CliRunner.Run("check", dir);

        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("Kafka/kafka/short", r.Out);
        var skipped = r.Out.Split('\n').Where(l => l.StartsWith("skipped ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, skipped.Count);
        Assert.Contains(skipped, l => l.Contains("kafka.json: not Kubernetes objects (no apiVersion and kind): looks like a Grafana dashboard"));
        Assert.Contains(skipped, l => l.Contains("configmap.yaml: a Helm template; render it with `helm template` first"));
        Assert.Contains(skipped, l => l.Contains("values.yaml: not Kubernetes objects"));
        Assert.Contains(skipped, l => l.Contains("realm.json: not Kubernetes objects (no apiVersion and kind): looks like a Keycloak realm export"));
        Assert.EndsWith("1 object: 1 allowed; 4 files skipped", r.Out.TrimEnd());
    }

    [Theory]
    [InlineData("alerts.yaml", "apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata:\n  name: legacy\n  namespace: kafka\n  annotations: {runbook: \"{{ $labels.pod }} restarted\"}\nspec: {kafka: {replicas: 3}}\n")]
    [InlineData("workflow.yaml", "apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata:\n  name: legacy\n  namespace: kafka\n  annotations: {argo: \"{{inputs.parameters.name}}\"}\nspec: {kafka: {replicas: 3}}\n")]
    public void Braces_inside_a_manifest_that_parses_and_names_nothing_of_Helm_are_its_own_text_so_the_manifest_is_judged_not_skipped(string name, string text)
    {
        var dir = Repository((name, text));

        var r = CliRunner.Run("check", dir);

        Assert.Equal(1, r.ExitCode);
        Assert.DoesNotContain("skipped", r.Out);
        Assert.Contains("Kafka/kafka/legacy", r.Out);
        Assert.EndsWith("1 object: 1 denied", r.Out.TrimEnd());
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  replicas: {{ .Values.replicas }}\n")]
    [InlineData("{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n{{- end }}\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ $name }}-config\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {chart: \"{{ .Chart.Name }}\"}\n")]
    public void A_template_that_does_not_parse_or_names_Helm_objects_is_skipped_as_a_Helm_template(string text)
    {
        var dir = Repository(("templates/x.yaml", text));

        var r = CliRunner.Run("check", dir);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("x.yaml: a Helm template; render it with `helm template` first", r.Out);
    }

    [Theory]
    [InlineData("dashboard.json", """{"title": "Kafka", "panels": []}""", "not Kubernetes objects (no apiVersion and kind)")]
    [InlineData("template.yaml", "kind: ConfigMap\nmetadata: {name: \"{{ .Values.name }}\"}\n", "render it with `helm template` first")]
    [InlineData("empty.yaml", "", "no Kubernetes objects (the file is empty)")]
    public void A_file_named_on_the_command_line_that_is_not_Kubernetes_objects_exits_2(string name, string text, string expected)
    {
        var dir = Repository((name, text));
        var r = CliRunner.Run("check", Path.Combine(dir, name));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
    }

    [Fact]
    public void An_AdmissionReview_named_on_the_command_line_is_judged_as_its_object()
    {
        var r = CliRunner.Run("check", RepositoryRoot.Combine("manifests", "examples", "admission-reviews", "kafka-create-defaults-365d.json"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Kafka/kafka/legacy-cluster", r.Out);
        Assert.EndsWith("1 object: 1 denied", r.Out.TrimEnd());
    }

    [Fact]
    public void AdmissionReviews_in_a_directory_are_skipped_with_a_pointer_to_review()
    {
        var r = CliRunner.Run("check", RepositoryRoot.Combine("manifests", "examples", "admission-reviews"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("an AdmissionReview; judge it with 'strimzi-guard review FILE'", r.Out);
        Assert.Matches(@"0 objects; \d+ files skipped$", r.Out.TrimEnd());
    }

    [Fact]
    public void A_quoted_number_says_the_field_wants_an_integer()
    {
        var dir = Repository(("kafka.yaml", Kafka.Replace("validityDays: 7, renewalDays: 2}\n  clientsCa", "validityDays: \"7\", renewalDays: 2}\n  clientsCa", StringComparison.Ordinal)));
        var r = CliRunner.Run("check", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Kafka short: spec.clusterCa.validityDays: wants an integer, not the string \"7\" (write the number without quotes)", r.Error);
        Assert.DoesNotContain("System.", r.Error);
    }

    [Fact]
    public void An_unknown_config_key_is_named_with_the_valid_keys_beside_it()
    {
        var dir = Repository(("kafka.yaml", Kafka), ("config/guard.yaml", "certLifetime:\n  maxLifetme: 168h\n"));
        var r = CliRunner.Run("check", Path.Combine(dir, "kafka.yaml"), "--config", Path.Combine(dir, "config", "guard.yaml"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("certLifetime.maxLifetme: unknown setting; valid settings under certLifetime: ", r.Error);
        Assert.Contains("maxLifetime", r.Error);
        Assert.DoesNotContain(".NET", r.Error);
        Assert.DoesNotContain("StrimziGuard.", r.Error);
    }
}
