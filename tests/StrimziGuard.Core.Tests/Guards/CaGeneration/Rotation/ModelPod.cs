namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// A live pod: the annotations it was created with (only delete plus recreate changes them, strimzi-facts §8), and the truth the model
/// keeps beside them: the CA key generations whose certificates it loaded at start (<see cref="Trusts"/>) and the key generation that
/// signed the server certificate it presents (<see cref="Presents"/>). <see cref="Deployment"/> is set for the Entity Operator,
/// Cruise Control and Kafka Exporter pods.
/// </summary>
internal sealed record ModelPod(string Name, string? Deployment, int? Cc, int? Ck, int? Cl, int? CertIssue, string? Revision, int Uid, IReadOnlySet<int> Trusts, int Presents)
{
    public string Key => Deployment ?? Name;

    public string ObjectName => Deployment is null ? Name : $"{Deployment}-{Uid:x6}";
}
