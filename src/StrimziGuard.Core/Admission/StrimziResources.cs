
namespace StrimziGuard.Core.Admission;

/// <summary>
/// Webhook rules for the resources the guards judge. Every served version is listed: Strimzi serves v1beta2 up to 0.48,
/// v1 and v1beta2 in 0.49-0.51, and only v1 from 1.0 (strimzi-facts §0, §4).
/// </summary>
internal static class StrimziResources
{
    private static readonly string[] CreateUpdate = ["CREATE", "UPDATE"];
    private static readonly string[] StrimziVersions = ["v1beta2", "v1"];

    public static ResourceRule Kafkas { get; } = new(["kafka.strimzi.io"], StrimziVersions, ["kafkas"], CreateUpdate);

    /// <summary>A Kafka cluster arriving in a namespace whose NetworkPolicies may already open its Kafka Agent port.</summary>
    public static ResourceRule KafkaCreates { get; } = new(["kafka.strimzi.io"], StrimziVersions, ["kafkas"], ["CREATE"]);

    public static ResourceRule KafkaUsers { get; } = new(["kafka.strimzi.io"], StrimziVersions, ["kafkausers"], CreateUpdate);

    /// <summary>KafkaBridges name the Secret of their HTTPS certificate (Strimzi 1.0+).</summary>
    public static ResourceRule KafkaBridges { get; } = new(["kafka.strimzi.io"], StrimziVersions, ["kafkabridges"], CreateUpdate);

    public static ResourceRule Secrets { get; } = new([""], ["v1"], ["secrets"], CreateUpdate);

    public static ResourceRule NetworkPolicies { get; } = new(["networking.k8s.io"], ["v1"], ["networkpolicies"], CreateUpdate);

    public static ResourceRule NetworkPolicyWrites { get; } = new(["networking.k8s.io"], ["v1"], ["networkpolicies"], ["CREATE", "UPDATE", "DELETE"]);

    /// <summary>Pods created by the operator (from a StrimziPodSet entry) or by the ReplicaSet controller (Deployment pods).</summary>
    public static ResourceRule PodCreates { get; } = new([""], ["v1"], ["pods"], ["CREATE"]);

    public static ResourceRule PodWrites { get; } = new([""], ["v1"], ["pods"], CreateUpdate);

    /// <summary>The operator rolls a pod by deleting it (strimzi-facts §8, <c>KafkaRoller.restart</c>).</summary>
    public static ResourceRule PodDeletes { get; } = new([""], ["v1"], ["pods"], ["DELETE"]);

    public static ResourceRule StrimziPodSets { get; } = new(["core.strimzi.io"], StrimziVersions, ["strimzipodsets"], CreateUpdate);

    public static ResourceRule CertManagerCertificates { get; } = new(["cert-manager.io"], ["v1"], ["certificates", "certificaterequests"], CreateUpdate);
}
