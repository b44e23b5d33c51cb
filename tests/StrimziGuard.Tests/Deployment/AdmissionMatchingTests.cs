using static StrimziGuard.Tests.Deployment.AdmissionCall;

namespace StrimziGuard.Tests.Deployment;

/// <summary>
/// The API server's webhook matching on the rendered configurations, matchConditions evaluated by a real CEL engine: the cluster's
/// everyday traffic never reaches the guard (peers.md pain points 1 and 2), and the operator and the control plane only ever reach
/// fail-open entries. The request table both engines share is in <see cref="Cel.MatchConditionTests"/>.
/// </summary>
public sealed class AdmissionMatchingTests
{
    private const string Alice = "alice@example.com";
    private const string Kubelet = "system:node:node-1";
    private const string ReplicaSetController = "system:serviceaccount:kube-system:replicaset-controller";
    private const string ArgoCd = "system:serviceaccount:argocd:argocd-application-controller";
    private const string CertManager = "system:serviceaccount:cert-manager:cert-manager";
    private const string Operator = "system:serviceaccount:strimzi:strimzi-cluster-operator";

    public static TheoryData<AdmissionCall> Everyday => new(
    [
        new AdmissionCall("UPDATE", "coordination.k8s.io", "v1", "leases", "kube-node-lease", "node-1", Kubelet),
        new AdmissionCall("UPDATE", "coordination.k8s.io", "v1", "leases", "kube-system", "kube-controller-manager", "system:kube-controller-manager"),
        new AdmissionCall("UPDATE", "coordination.k8s.io", "v1", "leases", "kafka", "strimzi-cluster-operator", Operator),
        OfCore("CREATE", "nodes", null, "node-2", Kubelet),
        OfCore("UPDATE", "nodes", null, "node-1", Kubelet) with { SubResource = "status" },
        OfCore("CREATE", "events", "kafka", "my-cluster-broker-0.1", Kubelet),
        new AdmissionCall("CREATE", "events.k8s.io", "v1", "events", "kafka", "my-cluster.1", Operator),
        OfCore("UPDATE", "endpoints", "kafka", "my-cluster-kafka-bootstrap", "system:serviceaccount:kube-system:endpoint-controller"),
        new AdmissionCall("UPDATE", "discovery.k8s.io", "v1", "endpointslices", "kafka", "my-cluster-kafka-bootstrap-abcde", "system:serviceaccount:kube-system:endpointslice-controller"),
        OfCore("CREATE", "pods", "kube-system", "kube-proxy-abcde", "system:serviceaccount:kube-system:daemon-set-controller").WithLabels(("k8s-app", "kube-proxy")),
        OfCore("CREATE", "pods", "kube-system", "impostor", Alice).WithLabels(("strimzi.io/kind", "Kafka"), ("strimzi.io/cluster", "c")),
        OfCore("CREATE", "pods", "apps", "web-7d4b9-xyz", ReplicaSetController).WithLabels(("app", "web")),
        OfCore("UPDATE", "pods", "apps", "web-7d4b9-xyz", Alice).WithLabels(("app", "web")),
        OfCore("DELETE", "pods", "apps", "web-7d4b9-xyz", ReplicaSetController).WithLabels(("app", "web")),
        OfCore("UPDATE", "pods", "kafka", "my-cluster-broker-0", Kubelet) with { SubResource = "status", Labels = new() { ["strimzi.io/kind"] = "Kafka" } },
        OfCore("CREATE", "pods", "kafka", "my-cluster-broker-0", "system:kube-scheduler") with { SubResource = "binding" },
        OfCore("CREATE", "configmaps", "apps", "settings", Alice),
        OfCore("UPDATE", "configmaps", "kafka", "my-cluster-broker-0", Operator).WithLabels(("strimzi.io/cluster", "my-cluster")),
        OfCore("CREATE", "secrets", "apps", "db-password", Alice) with { DataKeys = ["password"], Type = "Opaque" },
        OfCore("CREATE", "secrets", "apps", "sh.helm.release.v1.web.v3", ArgoCd) with { DataKeys = ["release"], Type = "helm.sh/release.v1" },
        OfCore("CREATE", "secrets", "apps", "builder-token", Alice) with { DataKeys = ["ca.crt", "token", "namespace"], Type = "kubernetes.io/service-account-token" },
        OfCore("CREATE", "secrets", "kafka", "my-cluster-cluster-ca-cert", Operator) with { DataKeys = ["ca.crt"], Labels = new() { ["strimzi.io/cluster"] = "my-cluster" } },
        OfCore("CREATE", "serviceaccounts", "apps", "builder", Alice) with { SubResource = "token" },
        new AdmissionCall("CREATE", "certificates.k8s.io", "v1", "certificatesigningrequests", null, "csr-abcde", Kubelet),
        new AdmissionCall("UPDATE", "apps", "v1", "deployments", "apps", "web", ArgoCd),
        new AdmissionCall("DELETE", "networking.k8s.io", "v1", "networkpolicies", "apps", "allow-web", ArgoCd),
        new AdmissionCall("UPDATE", "coordination.k8s.io", "v1", "leases", "strimzi-guard", "strimzi-guard", "system:serviceaccount:strimzi-guard:strimzi-guard"),
        OfCore("UPDATE", "secrets", "strimzi-guard", "strimzi-guard-serving-cert", "system:serviceaccount:strimzi-guard:strimzi-guard") with { DataKeys = ["tls.crt", "tls.key", "ca.crt"], Type = "kubernetes.io/tls" },
        OfCore("CREATE", "pods", "strimzi-guard", "strimzi-guard-abc", ReplicaSetController).WithLabels(("app.kubernetes.io/name", "strimzi-guard")),
        new AdmissionCall("UPDATE", "kafka.strimzi.io", "v1beta2", "kafkas", "kafka", "my-cluster", Operator) with { SubResource = "status" },
    ]);

    /// <summary>Writes by the operator and by Kubernetes' controllers that touch Strimzi objects: at most fail-open entries may see them.</summary>
    public static TheoryData<AdmissionCall> MachineWrites => new(
    [
        OfCore("CREATE", "pods", "kafka", "my-cluster-broker-0", Operator).WithLabels(("strimzi.io/kind", "Kafka"), ("strimzi.io/cluster", "my-cluster")),
        OfCore("DELETE", "pods", "kafka", "my-cluster-broker-0", Operator).WithLabels(("strimzi.io/kind", "Kafka"), ("strimzi.io/cluster", "my-cluster")),
        OfCore("CREATE", "pods", "kafka", "my-cluster-entity-operator-x", ReplicaSetController).WithLabels(("strimzi.io/kind", "Kafka"), ("strimzi.io/cluster", "my-cluster")),
        OfCore("UPDATE", "pods", "kafka", "my-cluster-broker-0", "system:serviceaccount:kube-system:generic-garbage-collector").WithLabels(("strimzi.io/kind", "Kafka")),
        new AdmissionCall("UPDATE", "core.strimzi.io", "v1beta2", "strimzipodsets", "kafka", "my-cluster-broker", Operator).WithLabels(("strimzi.io/kind", "Kafka")),
        OfCore("UPDATE", "secrets", "kafka", "my-cluster-cluster-ca", Operator) with { DataKeys = ["ca.key"], Labels = new() { ["strimzi.io/kind"] = "Kafka" } },
        new AdmissionCall("UPDATE", "networking.k8s.io", "v1", "networkpolicies", "kafka", "my-cluster-network-policy-kafka", Operator),
        new AdmissionCall("CREATE", "networking.k8s.io", "v1", "networkpolicies", "kafka", "my-cluster-kafka-agent-guard", "system:serviceaccount:strimzi-guard:strimzi-guard"),
        new AdmissionCall("DELETE", "networking.k8s.io", "v1", "networkpolicies", "kafka", "my-cluster-kafka-agent-guard", "system:serviceaccount:kube-system:generic-garbage-collector"),
        OfCore("UPDATE", "secrets", "apps", "ingress-tls", CertManager) with { DataKeys = ["tls.crt", "tls.key", "ca.crt"], Type = "kubernetes.io/tls" },
        new AdmissionCall("CREATE", "cert-manager.io", "v1", "certificaterequests", "apps", "ingress-tls-1", CertManager),
    ]);

    [Theory]
    [MemberData(nameof(Everyday))]
    public void Everyday_cluster_traffic_never_reaches_the_guard(AdmissionCall call) =>
        Assert.Empty(AdmissionMatcher.Matching(call.ToCel()).Select(w => (string?)w["name"]));

    [Theory]
    [MemberData(nameof(MachineWrites))]
    public void Writes_by_the_operator_and_the_control_plane_reach_only_fail_open_entries(AdmissionCall call) =>
        Assert.All(AdmissionMatcher.Matching(call.ToCel()), w => Assert.Equal("Ignore", (string?)w["failurePolicy"]));

    [Fact]
    public void Peoples_writes_of_guarded_objects_reach_the_fail_closed_entries()
    {
        static string[] Names(AdmissionCall c) => AdmissionMatcher.Matching(c.ToCel()).Where(w => (string?)w["failurePolicy"] == "Fail").Select(w => (string)w["name"]!).ToArray();
        Assert.Equal(["kafkas.cert-lifetime.strimzi-guard.io"], Names(new AdmissionCall("CREATE", "kafka.strimzi.io", "v1", "kafkas", "kafka", "my-cluster", Alice)));
        Assert.Equal(["network-policies.agent-port.strimzi-guard.io"], Names(new AdmissionCall("DELETE", "networking.k8s.io", "v1", "networkpolicies", "kafka", "my-cluster-kafka-agent-guard-complement", Alice)
            .WithLabels(("app.kubernetes.io/component", "kafka-agent-guard"), ("app.kubernetes.io/managed-by", "strimzi-guard"))));
        Assert.Equal(["values.ca-generation.strimzi-guard.io"], Names(OfCore("CREATE", "pods", "kafka", "my-cluster-broker-0", Alice).WithLabels(("strimzi.io/kind", "Kafka"))));
        Assert.Equal(["strimzi-secrets.cert-lifetime.strimzi-guard.io"], Names(OfCore("CREATE", "secrets", "kafka", "my-cluster-clients-ca-cert", Alice) with { Labels = new() { ["strimzi.io/cluster"] = "my-cluster" } }));
        Assert.Equal(["certificates.cert-lifetime.strimzi-guard.io"], Names(new AdmissionCall("CREATE", "cert-manager.io", "v1", "certificates", "kafka", "listener", Alice)));
        var tls = OfCore("CREATE", "secrets", "kafka", "listener-cert", Alice) with { DataKeys = ["tls.crt", "tls.key"], Type = "kubernetes.io/tls" };
        Assert.Equal(["certificate-secrets.cert-lifetime.strimzi-guard.io"], AdmissionMatcher.Matching(tls.ToCel()).Select(w => (string)w["name"]!));
    }
}
