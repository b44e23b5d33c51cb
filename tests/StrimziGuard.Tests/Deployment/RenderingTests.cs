using System.Diagnostics;
using System.Text.Json.Nodes;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Deployment;

/// <summary>Our renderer agrees with kustomize, the operator's identity is set in one place, and CI gets the rendered objects to schema-check.</summary>
public sealed class RenderingTests
{
    /// <summary>Set by .ci/run: where to write the rendered objects for the kubernetes-models schema check (.ci/validate-manifests.mjs).</summary>
    private const string OutputVariable = "STRIMZI_GUARD_RENDERED_MANIFESTS";

    private static readonly string[] Directories = ["manifests", "manifests/cert-manager", "manifests/cluster-wide", "manifests/monitoring"];

    public static TheoryData<string> Kustomizations => new(Directories);

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Our_renderer_and_kubectl_kustomize_produce_the_same_objects_where_kubectl_is_installed(string directory)
    {
        var ours = Kustomization.Render(RepositoryRoot.Combine(directory));
        Assert.NotEmpty(ours);
        var theirs = KubectlKustomize(RepositoryRoot.Combine(directory));
        if (theirs is null) return; // CI's fresh machine has no kubectl (no registry serves it); our renderer stands alone there.
        Assert.Equal(Canonical(theirs), Canonical(ours));
    }

    [Fact]
    public void The_operator_namespace_and_service_account_are_set_in_one_place()
    {
        var rendered = Manifests.RenderEdited(dir =>
        {
            var identity = Path.Combine(dir, "base", "operator-identity.yaml");
            File.WriteAllText(identity, File.ReadAllText(identity)
                .Replace("namespace: strimzi\n", "namespace: kafka-ops\n", StringComparison.Ordinal)
                .Replace("serviceAccount: strimzi-cluster-operator", "serviceAccount: co", StringComparison.Ordinal));
        });

        var config = (string)rendered.Single(o => (string?)o["metadata"]?["name"] == "strimzi-guard-config")["data"]!["config.yaml"]!;
        Assert.Equal("system:serviceaccount:kafka-ops:co", GuardOptionsFile.Parse("config", config).Operator.Username);
        var conditions = rendered.SelectMany(o => o["webhooks"] as JsonArray ?? []).SelectMany(w => w!["matchConditions"] as JsonArray ?? [])
            .Where(c => ((string)c!["name"]!).Contains("strimzi-cluster-operator", StringComparison.Ordinal)).Select(c => (string)c!["expression"]!).ToList();
        Assert.NotEmpty(conditions);
        Assert.All(conditions, e => Assert.Contains("'system:serviceaccount:' + 'kafka-ops' + ':' + 'co'", e));
        var text = string.Join("\n", rendered.Select(o => o.ToJsonString()));
        Assert.DoesNotContain("'strimzi-cluster-operator'", text);
        Assert.DoesNotContain("+ 'strimzi' +", text);
    }

    [Fact]
    public void The_watched_namespaces_are_set_in_one_place_and_reach_the_configuration_and_every_webhook()
    {
        var rendered = Manifests.RenderEdited(dir => Manifests.Edit(Path.Combine(dir, "base", "config.yaml"), "watchNamespaces: [kafka]", "watchNamespaces: [kafka, kafka-dev]"));

        Assert.Equal(["kafka", "kafka-dev"], Manifests.WatchNamespaces(rendered));
        var selected = Manifests.Webhooks(rendered).Select(e => ((JsonArray)e.Webhook["namespaceSelector"]!["matchExpressions"]!).Single()!["values"]).ToList();
        Assert.NotEmpty(selected);
        Assert.All(selected, values => Assert.Equal(["kafka", "kafka-dev"], Manifests.Strings(values)));
    }

    [Fact]
    public void The_fill_defaults_component_renders_as_kubectl_kustomize_renders_it_where_kubectl_is_installed()
    {
        var theirs = default(List<JsonObject>);
        var ours = Manifests.RenderEdited(dir =>
        {
            Manifests.Edit(Path.Combine(dir, "base", "config.yaml"), "fillDefaults: false", "fillDefaults: true");
            Manifests.Edit(Path.Combine(dir, "base", "kustomization.yaml"), "\nimages:", "\ncomponents: [../components/fill-defaults]\n\nimages:");
            theirs = KubectlKustomize(dir);
        });
        Assert.Contains(Manifests.Webhooks(ours), e => ((string)e.Webhook["name"]!).StartsWith("kafka-defaults.", StringComparison.Ordinal));
        if (theirs is not null) Assert.Equal(Canonical(theirs), Canonical(ours));
    }

    [Fact]
    public void The_install_renders_no_example_objects_and_no_build_only_objects()
    {
        Assert.DoesNotContain(Manifests.All, o => (string?)o["kind"] is "Kafka" or "KafkaUser" or "Certificate" or "StrimziPodSet" or "Pod");
        Assert.DoesNotContain(Manifests.All, o => (string?)o["metadata"]?["name"] == "strimzi-operator-identity");
        Assert.DoesNotContain(Manifests.All, o => (string?)o["kind"] == "Secret");
        Assert.DoesNotContain(Manifests.All, o => (string?)o["kind"] is "GuardConfiguration" or "NamespaceScope");
        // Everything namespaced is in the guard's namespace, but the RoleBindings that grant it its rights in the watched namespaces.
        var watched = Manifests.WatchNamespaces(Manifests.All);
        Assert.All(Manifests.All.Where(o => (string?)o["kind"] is not ("Namespace" or "ClusterRole" or "ClusterRoleBinding") && !((string?)o["kind"])!.EndsWith("WebhookConfiguration", StringComparison.Ordinal)),
            o => Assert.Contains((string?)o["metadata"]!["namespace"], (string?)o["kind"] == "RoleBinding" ? new List<string>([Manifests.GuardNamespace, .. watched]) : [Manifests.GuardNamespace]));
    }

    [Fact]
    public void The_rendered_objects_are_written_for_the_schema_check_when_ci_asks()
    {
        var output = Environment.GetEnvironmentVariable(OutputVariable);
        var all = new JsonObject();
        foreach (var directory in Directories)
            all[directory] = new JsonArray(Kustomization.Render(RepositoryRoot.Combine(directory)).Select(o => (JsonNode)o.DeepClone()).ToArray());
        Assert.Equal(Directories.Length, all.Count);
        if (output is not null) File.WriteAllText(output, all.ToJsonString());
    }

    private static List<JsonObject>? KubectlKustomize(string directory)
    {
        var kubectl = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(p => Path.Combine(p, "kubectl")).FirstOrDefault(File.Exists);
        if (kubectl is null) return null;
        var start = new ProcessStartInfo(kubectl, ["kustomize", directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "kubectl kustomize did not finish within a minute");
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed: {stderr.Result}");
        return YamlDocuments.Parse(stdout.Result).OfType<JsonObject>().ToList();
    }

    private static List<string> Canonical(IEnumerable<JsonObject> objects) =>
        objects.Select(o => Sorted(o)!.ToJsonString()).Order(StringComparer.Ordinal).ToList();

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
