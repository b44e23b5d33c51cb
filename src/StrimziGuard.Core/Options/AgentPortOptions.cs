namespace StrimziGuard.Core.Options;

/// <summary>Settings of the agent-port guard (architecture §1, guard 3).</summary>
public sealed record AgentPortOptions : GuardSettings
{
    /// <summary>The guard's own identity, the only user that may write its guard NetworkPolicies.</summary>
    public string GuardUsername { get; init; } = "system:serviceaccount:strimzi-guard:strimzi-guard";

    /// <summary>
    /// Kubernetes' own controllers that must still be able to remove or orphan a guard policy: the garbage collector (the policy is owned by
    /// the Kafka CR) and the namespace controller (deleting a namespace deletes everything in it). Denying them would wedge both.
    /// </summary>
    public IReadOnlyList<string> SystemUsernames { get; init; } =
    [
        "system:serviceaccount:kube-system:generic-garbage-collector",
        "system:serviceaccount:kube-system:namespace-controller",
    ];

    /// <summary>
    /// Whether the guard policy's pass-through rule also lists SCTP. Off by default: Kafka does not use SCTP and some network plugins reject
    /// SCTP rules; with it off, SCTP to Kafka pods that no other policy isolated is cut once the guard policy exists.
    /// </summary>
    public bool Sctp { get; init; }

    public bool MayWriteGuardPolicies(string? username) =>
        username is not null && (username == GuardUsername || SystemUsernames.Contains(username));
}
