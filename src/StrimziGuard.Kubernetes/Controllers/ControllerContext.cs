using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>What a reconcile may use: the client to write with (its writes are recorded by a full pass) and the state to plan from.</summary>
public sealed record ControllerContext(IKubeApiClient Client, ClusterSnapshot Snapshot);
