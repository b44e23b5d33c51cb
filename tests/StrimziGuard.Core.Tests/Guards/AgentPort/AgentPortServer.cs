using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Patching;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

/// <summary>Applies planned writes to a snapshot the way the API server would (server-set metadata, resourceVersion bumps); a test double.</summary>
internal static class AgentPortServer
{
    private static int version = 1000;

    public static V1NetworkPolicy Stored(V1NetworkPolicy policy)
    {
        var node = KubeJson.ToNode(policy);
        var meta = node["metadata"]!.AsObject();
        meta["uid"] ??= Guid.NewGuid().ToString();
        meta["creationTimestamp"] ??= "2025-06-01T10:00:00Z";
        meta["generation"] = (meta["generation"]?.GetValue<long>() ?? 0) + 1;
        meta["resourceVersion"] = Interlocked.Increment(ref version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        meta["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "strimzi-guard", ["operation"] = "Apply" });
        return KubeJson.Read<V1NetworkPolicy>(node);
    }

    public static ClusterSnapshot Apply(ClusterSnapshot snapshot, AgentPortPlan plan)
    {
        foreach (var write in plan.Writes)
        {
            var live = snapshot.NetworkPolicies.Get(write.Namespace, write.Name);
            snapshot = write.Kind switch
            {
                AgentPortWriteKind.Create => snapshot.With([Stored(write.Policy)]),
                AgentPortWriteKind.Patch => snapshot.With([Stored(KubeJson.Read<V1NetworkPolicy>(JsonPatch.Apply(KubeJson.ToNode(live!), write.Patch)!))]),
                _ => Without(snapshot, live!),
            };
        }
        return snapshot;
    }

    public static ClusterSnapshot Without(ClusterSnapshot snapshot, KubernetesObject gone) =>
        ClusterSnapshot.From(snapshot.Objects.Where(o => !(o.GetType() == gone.GetType() && o.Namespace == gone.Namespace && o.Name == gone.Name)));
}
