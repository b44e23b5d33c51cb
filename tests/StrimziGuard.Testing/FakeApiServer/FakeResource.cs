namespace StrimziGuard.Testing.FakeApi;

/// <summary>A resource the test double serves: one group/version/plural. Several versions of one group/plural share storage, as CRD versions do.</summary>
public sealed record FakeResource(string Group, string Version, string Kind, string Plural, bool Namespaced = true)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>What the test double serves unless told otherwise: everything the guard reads or writes, Strimzi at v1beta2 only.</summary>
    public static IReadOnlyList<FakeResource> Defaults { get; } =
    [
        new("", "v1", "Pod", "pods"),
        new("", "v1", "Secret", "secrets"),
        new("", "v1", "Namespace", "namespaces", Namespaced: false),
        new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies"),
        new("coordination.k8s.io", "v1", "Lease", "leases"),
        new("kafka.strimzi.io", "v1beta2", "Kafka", "kafkas"),
        new("kafka.strimzi.io", "v1beta2", "KafkaNodePool", "kafkanodepools"),
        new("kafka.strimzi.io", "v1beta2", "KafkaUser", "kafkausers"),
        new("kafka.strimzi.io", "v1beta2", "KafkaBridge", "kafkabridges"),
        new("core.strimzi.io", "v1beta2", "StrimziPodSet", "strimzipodsets"),
        new("cert-manager.io", "v1", "Certificate", "certificates"),
    ];
}
