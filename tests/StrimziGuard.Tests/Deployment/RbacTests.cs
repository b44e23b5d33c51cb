using System.Text.Json.Nodes;

namespace StrimziGuard.Tests.Deployment;

/// <summary>
/// Least privilege, as an allow-list: every (role, group, resource, verb, names) the manifests grant must be listed here with the
/// call that needs it, and everything listed must be granted. A new verb fails this test until it is justified below. Namespaced
/// resources, Secrets included, are granted per watched namespace; cluster-wide only with manifests/cluster-wide.
/// </summary>
public sealed class RbacTests
{
    /// <summary>Granted in each watched namespace only (a RoleBinding per namespace), or cluster-wide by manifests/cluster-wide.</summary>
    private const string Watched = "ClusterRole/strimzi-guard-watched-namespace";

    private static readonly Dictionary<string, string> Allowed = new()
    {
        ["ClusterRole/strimzi-guard core/namespaces list"] = "ClusterCaches: namespace labels for agent-port peers (cluster-wide, as namespaces are)",
        ["ClusterRole/strimzi-guard core/namespaces watch"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard admissionregistration.k8s.io/mutatingwebhookconfigurations get [strimzi-guard]"] = "ServingCertRotator reads its caBundles",
        ["ClusterRole/strimzi-guard admissionregistration.k8s.io/mutatingwebhookconfigurations patch [strimzi-guard]"] = "ServingCertRotator patches caBundles",
        ["ClusterRole/strimzi-guard admissionregistration.k8s.io/validatingwebhookconfigurations get [strimzi-guard]"] = "ServingCertRotator",
        ["ClusterRole/strimzi-guard admissionregistration.k8s.io/validatingwebhookconfigurations patch [strimzi-guard]"] = "ServingCertRotator",
        [$"{Watched} core/pods list"] = "ClusterCaches: watch cache of Strimzi pods per watched namespace (list, then watch)",
        [$"{Watched} core/pods watch"] = "ClusterCaches",
        [$"{Watched} core/secrets get"] = "CaSecretCache: full GET of *-ca-cert only",
        [$"{Watched} core/secrets list"] = "CaSecretCache: metadata-only list of CA Secrets",
        [$"{Watched} core/secrets watch"] = "CaSecretCache",
        [$"{Watched} kafka.strimzi.io/kafkas list"] = "ClusterCaches: Kafka CRs (listener Secrets, clusters)",
        [$"{Watched} kafka.strimzi.io/kafkas watch"] = "ClusterCaches",
        [$"{Watched} kafka.strimzi.io/kafkanodepools list"] = "ClusterCaches",
        [$"{Watched} kafka.strimzi.io/kafkanodepools watch"] = "ClusterCaches",
        [$"{Watched} kafka.strimzi.io/kafkausers list"] = "ClusterCaches",
        [$"{Watched} kafka.strimzi.io/kafkausers watch"] = "ClusterCaches",
        [$"{Watched} kafka.strimzi.io/kafkabridges list"] = "ClusterCaches: KafkaBridges (the Secret of their HTTPS certificate)",
        [$"{Watched} kafka.strimzi.io/kafkabridges watch"] = "ClusterCaches",
        [$"{Watched} core.strimzi.io/strimzipodsets list"] = "ClusterCaches",
        [$"{Watched} core.strimzi.io/strimzipodsets watch"] = "ClusterCaches",
        [$"{Watched} core.strimzi.io/strimzipodsets patch"] = "CaGenerationController: JSON Patch of entry stamps",
        [$"{Watched} networking.k8s.io/networkpolicies list"] = "ClusterCaches",
        [$"{Watched} networking.k8s.io/networkpolicies watch"] = "ClusterCaches",
        [$"{Watched} networking.k8s.io/networkpolicies create"] = "AgentPortController: a cluster's guard policy",
        [$"{Watched} networking.k8s.io/networkpolicies patch"] = "AgentPortController",
        [$"{Watched} networking.k8s.io/networkpolicies delete"] = "AgentPortController: a guard policy no longer needed",
        [$"{Watched} cert-manager.io/certificates list"] = "ClusterCaches (optional cache)",
        [$"{Watched} cert-manager.io/certificates watch"] = "ClusterCaches",
        ["Role/strimzi-guard coordination.k8s.io/leases get"] = "LeaderElector",
        ["Role/strimzi-guard coordination.k8s.io/leases create"] = "LeaderElector: the first election",
        ["Role/strimzi-guard coordination.k8s.io/leases update"] = "LeaderElector: renew with a PUT",
        ["Role/strimzi-guard core/secrets create"] = "ServingCertRotator: the CA and serving Secrets on first start",
        ["Role/strimzi-guard core/secrets update [strimzi-guard-ca,strimzi-guard-serving-cert]"] = "ServingCertRotator: renewals",
        ["Role/strimzi-guard core/secrets get"] = "ServingCertRotator reads the CA and serving Secrets",
        ["Role/strimzi-guard core/secrets list"] = "ServingSecretSource: every replica lists and watches the serving Secret",
        ["Role/strimzi-guard core/secrets watch"] = "ServingSecretSource",
    };

    /// <summary>The ClusterRoles a ClusterRoleBinding may grant in the default install: nothing namespaced, no Secret.</summary>
    private static readonly string[] ClusterWideByDefault = ["strimzi-guard"];

    [Fact]
    public void The_roles_grant_exactly_the_allow_listed_permissions()
    {
        var granted = Granted().ToHashSet();
        var unexpected = granted.Except(Allowed.Keys).Order().ToList();
        var unused = Allowed.Keys.Except(granted).Order().ToList();
        Assert.True(unexpected.Count == 0, "granted but not justified in RbacTests.Allowed: " + string.Join("; ", unexpected));
        Assert.True(unused.Count == 0, "justified but not granted (remove from the allow-list): " + string.Join("; ", unused));
    }

    [Fact]
    public void No_ClusterRoleBinding_grants_reading_Secrets_or_any_namespaced_resource_by_default()
    {
        Assert.Equal(ClusterWideByDefault, Manifests.OfKind("ClusterRoleBinding").Select(b => (string)b["roleRef"]!["name"]!).Order());
        var clusterWide = Manifests.Single("ClusterRole", "strimzi-guard");
        Assert.DoesNotContain(((JsonArray)clusterWide["rules"]!).OfType<JsonObject>(), r => Manifests.Strings(r["resources"]).Any(res => res is not ("namespaces" or "mutatingwebhookconfigurations" or "validatingwebhookconfigurations")));
    }

    [Fact]
    public void Each_watched_namespace_and_only_those_get_the_per_namespace_role_by_RoleBinding()
    {
        var bound = Manifests.OfKind("RoleBinding").Where(b => (string?)b["roleRef"]!["name"] == "strimzi-guard-watched-namespace").ToList();
        Assert.All(bound, b => Assert.Equal("ClusterRole", (string?)b["roleRef"]!["kind"]));
        Assert.Equal(Manifests.WatchNamespaces(Manifests.All).Order(), bound.Select(b => (string)b["metadata"]!["namespace"]!).Order());
    }

    [Fact]
    public void Cluster_wide_binds_the_per_namespace_role_once_for_all_namespaces_and_no_RoleBinding_is_left_for_it()
    {
        var binding = Assert.Single(Manifests.ClusterWide, o => (string?)o["kind"] == "ClusterRoleBinding" && (string?)o["roleRef"]!["name"] == "strimzi-guard-watched-namespace");
        Assert.Equal("ClusterRole", (string?)binding["roleRef"]!["kind"]);
        Assert.DoesNotContain(Manifests.ClusterWide, o => (string?)o["kind"] == "RoleBinding" && (string?)o["roleRef"]!["name"] == "strimzi-guard-watched-namespace");
    }

    [Fact]
    public void No_rule_uses_a_wildcard()
    {
        foreach (var rule in Rules().Select(r => r.Rule))
        {
            foreach (var field in new[] { "apiGroups", "resources", "verbs", "resourceNames" })
                Assert.DoesNotContain("*", Manifests.Strings(rule[field]));
        }
    }

    [Fact]
    public void Every_binding_grants_its_role_to_the_guards_service_account_only()
    {
        foreach (var binding in Manifests.OfKind("ClusterRoleBinding").Concat(Manifests.OfKind("RoleBinding")).Concat(Manifests.ClusterWide.Where(o => (string?)o["kind"] == "ClusterRoleBinding")))
        {
            var subject = ((JsonArray)binding["subjects"]!).Single()!;
            Assert.Equal("ServiceAccount", (string?)subject["kind"]);
            Assert.Equal("strimzi-guard", (string?)subject["name"]);
            Assert.Equal(Manifests.GuardNamespace, (string?)subject["namespace"]);
            var role = (string)binding["roleRef"]!["name"]!;
            Assert.NotNull(Manifests.Single((string)binding["roleRef"]!["kind"]!, role));
            if ((string?)binding["roleRef"]!["kind"] == "Role") Assert.Equal(Manifests.GuardNamespace, (string?)binding["metadata"]!["namespace"]);
        }
        Assert.Equal(Manifests.GuardNamespace, (string?)Manifests.Single("Role", "strimzi-guard")["metadata"]!["namespace"]);
    }

    private static IEnumerable<string> Granted() =>
        from r in Rules()
        from g in Manifests.Strings(r.Rule["apiGroups"])
        from res in Manifests.Strings(r.Rule["resources"])
        from verb in Manifests.Strings(r.Rule["verbs"])
        let names = Manifests.Strings(r.Rule["resourceNames"]).ToArray()
        select $"{r.Role} {(g.Length == 0 ? "core" : g)}/{res} {verb}" + (names.Length == 0 ? "" : $" [{string.Join(",", names)}]");

    private static IEnumerable<(string Role, JsonObject Rule)> Rules() =>
        from role in Manifests.OfKind("ClusterRole").Concat(Manifests.OfKind("Role"))
        from rule in ((JsonArray)role["rules"]!).OfType<JsonObject>()
        select ($"{(string)role["kind"]!}/{(string)role["metadata"]!["name"]!}", rule);
}
