using System.Text.Json.Nodes;
using StrimziGuard.Core;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Options;

namespace StrimziGuard.Tests.Deployment;

/// <summary>The webhook configurations in manifests/ agree with the policy catalog, and each entry's settings are the ones argued for in its comments.</summary>
public sealed class WebhookRegistrationTests
{
    /// <summary>name prefix -> (failurePolicy, timeoutSeconds, sideEffects). A new entry fails the test until its choices are written here.</summary>
    private static readonly Dictionary<string, (string Failure, int Timeout, string SideEffects)> Expected = new()
    {
        ["pod-stamp.ca-generation"] = ("Ignore", 2, "None"),
        ["values.ca-generation"] = ("Fail", 5, "None"),
        ["pod-roll.ca-generation"] = ("Ignore", 2, "NoneOnDryRun"),
        ["kafkas.cert-lifetime"] = ("Fail", 5, "None"),
        ["kafkausers.cert-lifetime"] = ("Fail", 5, "None"),
        ["kafkabridges.cert-lifetime"] = ("Fail", 5, "None"),
        ["strimzi-secrets.cert-lifetime"] = ("Fail", 5, "None"),
        ["certificate-secrets.cert-lifetime"] = ("Ignore", 2, "None"),
        ["certificates.cert-lifetime"] = ("Fail", 5, "None"),
        ["certificaterequests.cert-lifetime"] = ("Ignore", 2, "None"),
        ["network-policies.agent-port"] = ("Fail", 5, "None"),
        ["kafkas.agent-port"] = ("Ignore", 2, "None"),
    };

    /// <summary>Registered only with the fill-defaults component (<see cref="Manifests.FillDefaults"/>).</summary>
    private static readonly Dictionary<string, (string Failure, int Timeout, string SideEffects)> FillDefaultsOnly = new()
    {
        ["kafka-defaults.cert-lifetime"] = ("Ignore", 2, "None"),
    };

    [Fact]
    public void Every_policy_in_the_catalog_has_a_webhook_rule_on_its_path_covering_each_of_its_resource_rules()
    {
        var missing = (
            from policy in PolicyCatalog.Default.Policies
            from tuple in Expand(policy.Metadata.Rules)
            let path = policy.Metadata.Webhook.Path
            where !Entries(policy.Metadata.Kind, Manifests.FillDefaults).Any(w => Path(w) == path && Covers(w, tuple))
            select $"{policy.Metadata.Id}: {tuple} on {path}").ToList();
        Assert.True(missing.Count == 0, "no webhook rule for: " + string.Join("; ", missing));
    }

    [Fact]
    public void No_webhook_rule_lacks_a_policy_on_its_path()
    {
        var orphans = (
            from entry in Manifests.Webhooks()
            let kind = entry.Kind.StartsWith("Mutating", StringComparison.Ordinal) ? WebhookKind.Mutating : WebhookKind.Validating
            from rule in (entry.Webhook["rules"] as JsonArray ?? []).OfType<JsonObject>()
            from tuple in Expand(rule)
            where !PolicyCatalog.Default.Policies.Any(p => p.Metadata.Kind == kind && p.Metadata.Webhook.Path == Path(entry.Webhook) && Expand(p.Metadata.Rules).Contains(tuple))
            select $"{(string?)entry.Webhook["name"]}: {tuple}").ToList();
        Assert.True(orphans.Count == 0, "rules no policy answers for: " + string.Join("; ", orphans));
    }

    [Fact]
    public void Rules_name_groups_versions_resources_and_operations_exactly_without_wildcards()
    {
        foreach (var (_, webhook) in Manifests.Webhooks())
        {
            foreach (var rule in (webhook["rules"] as JsonArray)!.OfType<JsonObject>())
            {
                foreach (var field in new[] { "apiGroups", "apiVersions", "resources", "operations" })
                    Assert.DoesNotContain(Manifests.Strings(rule[field]), v => v.Contains('*'));
                Assert.Equal("Namespaced", (string?)rule["scope"]);
            }
        }
    }

    [Fact]
    public void Each_entry_has_its_argued_failure_policy_timeout_and_side_effects()
    {
        Assert.Equal(Expected.Keys.Order(), Manifests.Webhooks().Select(e => Prefix(e.Webhook)).Order());
        var seen = Manifests.Webhooks(Manifests.FillDefaults).Select(e => e.Webhook).ToList();
        Assert.Equal(Expected.Keys.Concat(FillDefaultsOnly.Keys).Order(), seen.Select(w => Prefix(w)).Order());
        foreach (var w in seen)
        {
            var (failure, timeout, sideEffects) = Expected.TryGetValue(Prefix(w), out var e) ? e : FillDefaultsOnly[Prefix(w)];
            Assert.Equal(failure, (string?)w["failurePolicy"]);
            Assert.Equal(timeout, (long?)w["timeoutSeconds"]);
            Assert.Equal(sideEffects, (string?)w["sideEffects"]);
            Assert.Equal(["v1"], Manifests.Strings(w["admissionReviewVersions"]));
            Assert.Equal("Equivalent", (string?)w["matchPolicy"]);
            Assert.EndsWith(".strimzi-guard.io", (string?)w["name"]);
        }
    }

    [Fact]
    public void Every_fail_closed_entry_keeps_the_cluster_operator_and_the_control_plane_away()
    {
        foreach (var w in Manifests.Webhooks().Select(e => e.Webhook).Where(w => (string?)w["failurePolicy"] == "Fail"))
        {
            var conditions = (w["matchConditions"] as JsonArray ?? []).Select(c => (string?)c!["name"]).ToList();
            Assert.Contains("not-strimzi-cluster-operator", conditions);
            Assert.Contains("not-control-plane", conditions);
        }
    }

    [Fact]
    public void Every_entry_selects_only_the_watched_namespaces_by_name_as_the_configuration_says()
    {
        Assert.Equal(["kafka"], Manifests.WatchNamespaces(Manifests.All));
        foreach (var rendered in new[] { Manifests.All, Manifests.FillDefaults })
        {
            foreach (var (_, w) in Manifests.Webhooks(rendered))
            {
                var expression = Assert.Single(((JsonArray)w["namespaceSelector"]!["matchExpressions"]!).OfType<JsonObject>());
                Assert.Equal("kubernetes.io/metadata.name", (string?)expression["key"]);
                Assert.Equal("In", (string?)expression["operator"]);
                Assert.Equal(Manifests.WatchNamespaces(rendered), Manifests.Strings(expression["values"]));
            }
        }
    }

    [Fact]
    public void Cluster_wide_every_entry_excludes_kube_system_and_the_guards_namespace_by_name_as_the_configuration_does()
    {
        Assert.Equal([GuardOptions.AllNamespaces], Manifests.WatchNamespaces(Manifests.ClusterWide));
        foreach (var (_, w) in Manifests.Webhooks(Manifests.ClusterWide))
        {
            var exclusion = Assert.Single(((JsonArray)w["namespaceSelector"]!["matchExpressions"]!).OfType<JsonObject>());
            Assert.Equal("kubernetes.io/metadata.name", (string?)exclusion["key"]);
            Assert.Equal("NotIn", (string?)exclusion["operator"]);
            Assert.Equal(GuardOptions.Default.ExcludedNamespaces.Order(), Manifests.Strings(exclusion["values"]).Order());
        }
    }

    [Fact]
    public void The_kafka_defaults_mutation_is_not_registered_unless_the_guard_fills_defaults()
    {
        Assert.DoesNotContain(Manifests.Webhooks(), e => Prefix(e.Webhook) == "kafka-defaults.cert-lifetime");
        Assert.False(Options(Manifests.All).CertLifetime.FillDefaults);
        var entry = Assert.Single(Manifests.Webhooks(Manifests.FillDefaults), e => Prefix(e.Webhook) == "kafka-defaults.cert-lifetime").Webhook;
        Assert.True(Options(Manifests.FillDefaults).CertLifetime.FillDefaults);
        Assert.Equal("request.userInfo.username != 'system:serviceaccount:' + 'strimzi' + ':' + 'strimzi-cluster-operator'", (string?)entry["matchConditions"]![0]!["expression"]);
    }

    [Fact]
    public void Pod_updates_reach_the_generation_validation_only_when_a_generation_annotation_changes_and_guard_policy_deletes_are_known_by_label()
    {
        var values = Manifests.Webhooks().Single(e => Prefix(e.Webhook) == "values.ca-generation").Webhook;
        var generation = (string)((JsonArray)values["matchConditions"]!).Single(c => (string?)c!["name"] == "pod-update-changes-a-generation")!["expression"]!;
        Assert.Contains("oldObject", generation);
        Assert.Contains("-generation", generation);
        var policies = Manifests.Webhooks().Single(e => Prefix(e.Webhook) == "network-policies.agent-port").Webhook;
        var delete = (string)((JsonArray)policies["matchConditions"]!).Single(c => (string?)c!["name"] == "delete-only-guard-policies")!["expression"]!;
        Assert.Contains($"oldObject.metadata.labels['{Core.Guards.AgentPort.AgentPortGuardPolicy.ComponentLabel}'] == '{Core.Guards.AgentPort.AgentPortGuardPolicy.Component}'", delete);
        Assert.DoesNotContain("endsWith", delete);
    }

    private static GuardOptions Options(IReadOnlyList<JsonObject> rendered) =>
        Kubernetes.Manifests.GuardOptionsFile.Parse("config.yaml", (string)rendered.Single(o => (string?)o["kind"] == "ConfigMap")["data"]!["config.yaml"]!);

    [Fact]
    public void Every_entry_calls_the_webhook_service_on_443_and_carries_no_caBundle_in_the_manifests()
    {
        foreach (var (_, w) in Manifests.Webhooks())
        {
            var client = (JsonObject)w["clientConfig"]!;
            Assert.Null(client["caBundle"]);
            Assert.Null(client["url"]);
            Assert.Equal(Manifests.GuardNamespace, (string?)client["service"]!["namespace"]);
            Assert.Equal("strimzi-guard", (string?)client["service"]!["name"]);
            Assert.Equal(443, (long?)client["service"]!["port"]);
        }
        var port = ((JsonArray)Manifests.Single("Service", "strimzi-guard")["spec"]!["ports"]!).Single()!;
        Assert.Equal(443, (long?)port["port"]);
        Assert.Equal("webhook", (string?)port["targetPort"]);
    }

    [Fact]
    public void The_pod_stamp_mutation_only_sees_Kafka_pods_and_is_not_reinvoked()
    {
        var w = Manifests.Webhooks().Single(e => Prefix(e.Webhook) == "pod-stamp.ca-generation").Webhook;
        Assert.Equal("Never", (string?)w["reinvocationPolicy"]);
        Assert.Equal("Kafka", (string?)w["objectSelector"]!["matchLabels"]!["strimzi.io/kind"]);
    }

    private static string Prefix(JsonObject w) => ((string)w["name"]!).Replace(".strimzi-guard.io", "", StringComparison.Ordinal);

    private static string Path(JsonObject w) => (string)w["clientConfig"]!["service"]!["path"]!;

    private static IEnumerable<JsonObject> Entries(WebhookKind kind, IReadOnlyList<JsonObject>? rendered = null) =>
        Manifests.Webhooks(rendered).Where(e => e.Kind.StartsWith(kind == WebhookKind.Mutating ? "Mutating" : "Validating", StringComparison.Ordinal)).Select(e => e.Webhook);

    private static bool Covers(JsonObject webhook, string tuple) =>
        (webhook["rules"] as JsonArray ?? []).OfType<JsonObject>().Any(r => Expand(r).Contains(tuple));

    private static IEnumerable<string> Expand(IEnumerable<ResourceRule> rules) =>
        from r in rules from g in r.Groups from v in r.Versions from res in r.Resources from op in r.Operations select Tuple(g, v, res, op);

    private static IEnumerable<string> Expand(JsonObject rule) =>
        from g in Manifests.Strings(rule["apiGroups"]) from v in Manifests.Strings(rule["apiVersions"])
        from res in Manifests.Strings(rule["resources"]) from op in Manifests.Strings(rule["operations"]) select Tuple(g, v, res, op);

    private static string Tuple(string group, string version, string resource, string operation) =>
        $"{(group.Length == 0 ? "core" : group)}/{version}/{resource} {operation}";
}
