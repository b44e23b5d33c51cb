using System.Text.Json.Nodes;

namespace StrimziGuard.Tests.Deployment;

/// <summary>
/// Least privilege, as an allow-list: every (role, group, resource, verb, names) the manifests grant must be listed here with the
/// call that needs it, and everything listed must be granted. A new verb fails this test until it is justified below.
/// </summary>
public sealed class RbacTests
{
    private static readonly Dictionary<string, string> Allowed = new()
    {
        ["ClusterRole/strimzi-guard core/pods list"] = "ClusterCaches: watch cache of Strimzi pods (list, then watch)",
        ["ClusterRole/strimzi-guard core/pods watch"] = "ClusterCaches: watch cache of Strimzi pods",
        ["ClusterRole/strimzi-guard core/namespaces list"] = "ClusterCaches: namespace labels for agent-port peers",
        ["ClusterRole/strimzi-guard core/namespaces watch"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard kafka.strimzi.io/kafkas list"] = "ClusterCaches: Kafka CRs (listener Secrets, clusters)",
        ["ClusterRole/strimzi-guard kafka.strimzi.io/kafkas watch"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard kafka.strimzi.io/kafkanodepools list"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard kafka.strimzi.io/kafkanodepools watch"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard kafka.strimzi.io/kafkausers list"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard kafka.strimzi.io/kafkausers watch"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard kafka.strimzi.io/kafkabridges list"] = "ClusterCaches: KafkaBridges (the Secret of their HTTPS certificate)",
        ["ClusterRole/strimzi-guard kafka.strimzi.io/kafkabridges watch"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard core.strimzi.io/strimzipodsets list"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard core.strimzi.io/strimzipodsets watch"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard core.strimzi.io/strimzipodsets patch"] = "CaGenerationController: JSON Patch of entry stamps",
        ["ClusterRole/strimzi-guard networking.k8s.io/networkpolicies list"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard networking.k8s.io/networkpolicies watch"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard networking.k8s.io/networkpolicies create"] = "AgentPortController: a cluster's guard policy",
        ["ClusterRole/strimzi-guard networking.k8s.io/networkpolicies patch"] = "AgentPortController",
        ["ClusterRole/strimzi-guard networking.k8s.io/networkpolicies delete"] = "AgentPortController: a guard policy no longer needed",
        ["ClusterRole/strimzi-guard cert-manager.io/certificates list"] = "ClusterCaches (optional cache)",
        ["ClusterRole/strimzi-guard cert-manager.io/certificates watch"] = "ClusterCaches",
        ["ClusterRole/strimzi-guard admissionregistration.k8s.io/mutatingwebhookconfigurations get [strimzi-guard]"] = "ServingCertRotator reads its caBundles",
        ["ClusterRole/strimzi-guard admissionregistration.k8s.io/mutatingwebhookconfigurations patch [strimzi-guard]"] = "ServingCertRotator patches caBundles",
        ["ClusterRole/strimzi-guard admissionregistration.k8s.io/validatingwebhookconfigurations get [strimzi-guard]"] = "ServingCertRotator",
        ["ClusterRole/strimzi-guard admissionregistration.k8s.io/validatingwebhookconfigurations patch [strimzi-guard]"] = "ServingCertRotator",
        ["ClusterRole/strimzi-guard-secrets-reader core/secrets get"] = "CaSecretCache: full GET of *-ca-cert only; ServingCertRotator",
        ["ClusterRole/strimzi-guard-secrets-reader core/secrets list"] = "CaSecretCache: metadata-only list of CA Secrets; ServingSecretSource",
        ["ClusterRole/strimzi-guard-secrets-reader core/secrets watch"] = "CaSecretCache; ServingSecretSource",
        ["Role/strimzi-guard coordination.k8s.io/leases get"] = "LeaderElector",
        ["Role/strimzi-guard coordination.k8s.io/leases create"] = "LeaderElector: the first election",
        ["Role/strimzi-guard coordination.k8s.io/leases update"] = "LeaderElector: renew with a PUT",
        ["Role/strimzi-guard core/secrets create"] = "ServingCertRotator: the CA and serving Secrets on first start",
        ["Role/strimzi-guard core/secrets update [strimzi-guard-ca,strimzi-guard-serving-cert]"] = "ServingCertRotator: renewals",
    };

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
        foreach (var binding in Manifests.OfKind("ClusterRoleBinding").Concat(Manifests.OfKind("RoleBinding")))
        {
            var subject = ((JsonArray)binding["subjects"]!).Single()!;
            Assert.Equal("ServiceAccount", (string?)subject["kind"]);
            Assert.Equal("strimzi-guard", (string?)subject["name"]);
            Assert.Equal(Manifests.GuardNamespace, (string?)subject["namespace"]);
            var role = (string)binding["roleRef"]!["name"]!;
            Assert.NotNull(Manifests.Single((string)binding["roleRef"]!["kind"]!, role));
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
