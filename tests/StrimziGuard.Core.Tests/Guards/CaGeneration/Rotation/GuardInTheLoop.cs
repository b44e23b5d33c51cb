using System.Text.Json.Nodes;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Patching;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// Strimzi Guard as the model runs it: the real <see cref="AdmissionDispatcher"/> on every pod CREATE and DELETE, and the real
/// <see cref="StrimziPodSetStampPlanner"/> driven by the DELETE triggers and a resync, its JSON Patches applied with their test ops
/// (a failed test drops the write and re-plans, as a 409 would). A crash loses the queued triggers and takes the webhook down for a few
/// rounds, during which the API server admits pods unchanged (failurePolicy Ignore).
/// </summary>
internal sealed class GuardInTheLoop(ModelCluster world)
{
    private static readonly AdmissionDispatcher Dispatcher = new(PolicyCatalog.Default);

    private bool rollObserved;
    private int downRounds;
    private object? lastSeen;

    public bool Up => downRounds == 0;

    public void Crash()
    {
        rollObserved = false;
        lastSeen = null;
        downRounds = world.Options.GuardDownRounds;
    }

    public JsonNode AdmitCreate(JsonObject pod, string user)
    {
        if (!Up) return pod;
        var decision = Dispatcher.Review(Requests.Create(pod, user), world.Snapshot(), GuardOptions.Default);
        if (!decision.Allowed) world.Log.DeniedWrites.Add($"CREATE {pod["metadata"]!["name"]} by {user}: {decision.Message}");
        return decision.Patch.Count == 0 ? pod : JsonPatch.Apply(pod, decision.Patch)!;
    }

    public void AdmitDelete(JsonObject pod, string user)
    {
        if (!Up) return;
        var decision = Dispatcher.Review(Requests.Delete(pod, user), world.Snapshot(), GuardOptions.Default);
        if (!decision.Allowed) world.Log.DeniedWrites.Add($"DELETE {pod["metadata"]!["name"]} by {user}: {decision.Message}");
        if (decision.Triggers.Any(t => t.Controller == PodRollTriggerPolicy.Controller && t.Name == ModelCluster.Cluster)) rollObserved = true;
    }

    /// <summary>
    /// One pass of the ca-generation controller: plan from the cache, apply, and on a failed test re-read and re-plan. Watches wake it on
    /// every change; when nothing changed and no trigger is queued, a resync would plan the same nothing, so the pass is skipped.
    /// </summary>
    public void Tick()
    {
        if (!Up)
        {
            downRounds--;
            return;
        }
        if (!rollObserved && Equals(lastSeen, world.StateKey)) return;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var plan = StrimziPodSetStampPlanner.Plan(world.Snapshot(guardCache: attempt == 0), ModelCluster.Namespace, ModelCluster.Cluster, rollObserved);
            var conflicts = plan.Writes.Count(write => !Apply(write));
            if (conflicts == 0) break;
            world.Log.GuardConflicts += conflicts;
            foreach (var sps in world.PodSets.Values) sps.GuardCacheBehind = false;
        }
        rollObserved = false;
        lastSeen = world.StateKey;
    }

    private bool Apply(StrimziPodSetStamp write)
    {
        var sps = world.PodSets[write.PodSet.Name];
        JsonNode patched;
        try
        {
            patched = JsonPatch.Apply(world.PodSetObject(sps).Json, write.Patch)!;
        }
        catch (JsonPatchException)
        {
            return false;
        }
        var before = sps.Entries;
        var after = KubeObjects.ReadEntries(patched);
        Check(sps.Name, before, after);
        world.Write(sps, after);
        world.Log.GuardEntryWrites++;
        return true;
    }

    /// <summary>The guard may only raise cluster-ca-key-generation, and only to a generation whose certificate the cert Secret holds.</summary>
    private void Check(string podSet, IReadOnlyList<ModelEntry> before, IReadOnlyList<ModelEntry> after)
    {
        if (before.Count != after.Count) world.Log.GuardOverreach.Add($"{podSet}: entry count {before.Count} -> {after.Count}");
        foreach (var (b, a) in before.Zip(after))
        {
            if (b with { Ck = a.Ck } != a) world.Log.GuardOverreach.Add($"{podSet}[{b.Name}]: {b} -> {a}");
            if (a.Ck < b.Ck || (a.Ck is null && b.Ck is not null)) world.Log.GuardOverreach.Add($"{podSet}[{b.Name}]: key generation lowered {b.Ck} -> {a.Ck}");
            if (a.Ck != b.Ck && a.Ck > world.Ca.CurrentCertKeyGen)
                world.Log.FalseStamps.Add($"{podSet}[{b.Name}] stamped {a.Ck} while ca.crt is the key-generation-{world.Ca.CurrentCertKeyGen} certificate");
        }
    }
}
