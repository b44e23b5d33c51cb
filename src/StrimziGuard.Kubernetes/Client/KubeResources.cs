namespace StrimziGuard.Kubernetes.Client;

/// <summary>The resources the guard reads and writes. Strimzi kinds default to v1beta2 (served by 0.45+); v1 is the fallback (Strimzi 1.x).</summary>
internal static class KubeResources
{
    public static ApiResource Pods { get; } = new("", "v1", "Pod", "pods");

    public static ApiResource Secrets { get; } = new("", "v1", "Secret", "secrets");

    public static ApiResource Namespaces { get; } = new("", "v1", "Namespace", "namespaces", Namespaced: false);

    public static ApiResource NetworkPolicies { get; } = new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies");

    public static ApiResource Leases { get; } = new("coordination.k8s.io", "v1", "Lease", "leases");

    public static ApiResource Kafkas { get; } = new("kafka.strimzi.io", "v1beta2", "Kafka", "kafkas");

    public static ApiResource KafkaNodePools { get; } = new("kafka.strimzi.io", "v1beta2", "KafkaNodePool", "kafkanodepools");

    public static ApiResource KafkaUsers { get; } = new("kafka.strimzi.io", "v1beta2", "KafkaUser", "kafkausers");

    public static ApiResource KafkaBridges { get; } = new("kafka.strimzi.io", "v1beta2", "KafkaBridge", "kafkabridges");

    public static ApiResource StrimziPodSets { get; } = new("core.strimzi.io", "v1beta2", "StrimziPodSet", "strimzipodsets");

    public static ApiResource Certificates { get; } = new("cert-manager.io", "v1", "Certificate", "certificates");

    /// <summary>The guard's own webhook configurations, whose caBundle its leader keeps current (get and patch only, never create).</summary>
    public static ApiResource MutatingWebhookConfigurations { get; } = new("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", Namespaced: false);

    public static ApiResource ValidatingWebhookConfigurations { get; } = new("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", Namespaced: false);

    /// <summary>Strimzi serves v1beta2 up to 0.x and adds v1 in 1.x (strimzi-facts §4); try these in order when one answers 404.</summary>
    public static IReadOnlyList<string> StrimziVersions { get; } = ["v1beta2", "v1"];
}
