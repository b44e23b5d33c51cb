using StrimziGuard.Core.Api;
using StrimziGuard.Core.Patching;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>
/// The JSON Patch that brings a live guard policy to the desired one, touching only what the guard owns: its labels, its owner reference
/// and the spec. Everything the server or others put on the object (uid, resourceVersion, managedFields, annotations, other labels) stays.
/// </summary>
internal static class AgentPortPatch
{
    /// <summary>Empty when the live object already matches; otherwise a <c>test</c> of the observed resourceVersion, then the changes.</summary>
    public static IReadOnlyList<JsonPatchOperation> Diff(V1NetworkPolicy desired, V1NetworkPolicy live)
    {
        var target = KubeJson.Clone(live);
        var labels = new Dictionary<string, string>(live.Metadata.Labels ?? []);
        foreach (var (key, value) in desired.Metadata.Labels ?? []) labels[key] = value;
        target.Metadata.Labels = labels;
        target.Metadata.OwnerReferences = MergeOwners(target.Metadata.OwnerReferences, desired.Metadata.OwnerReferences);
        target.Spec ??= new V1NetworkPolicySpec();
        target.Spec.PodSelector = desired.Spec?.PodSelector;
        target.Spec.PolicyTypes = desired.Spec?.PolicyTypes;
        target.Spec.Ingress = desired.Spec?.Ingress;
        target.Spec.Egress = desired.Spec?.Egress;

        var ops = JsonPatchDiff.Diff(live, target);
        if (ops.Count == 0) return [];
        return live.Metadata.ResourceVersion is { } rv ? [JsonPatchOperation.Test("/metadata/resourceVersion", rv), .. ops] : ops;
    }

    /// <summary>Ours replace an entry with the same uid; owners someone else added are kept.</summary>
    private static List<V1OwnerReference>? MergeOwners(List<V1OwnerReference>? live, List<V1OwnerReference>? wanted)
    {
        if (wanted is not { Count: > 0 }) return live;
        var merged = (live ?? []).Select(o => wanted.FirstOrDefault(w => w.Uid == o.Uid) is { } w ? KubeJson.Clone(w) : o).ToList();
        merged.AddRange(wanted.Where(w => (live ?? []).All(o => o.Uid != w.Uid)).Select(KubeJson.Clone));
        return merged;
    }
}
