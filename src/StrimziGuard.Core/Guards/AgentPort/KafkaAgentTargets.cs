using System.Collections.Concurrent;
using System.Text;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Network;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>
/// The Kafka Agent targets of one namespace (<see cref="KafkaAgentTarget.In"/>) with what judging a NetworkPolicy against them needs,
/// built once per snapshot version: an index by label value (<see cref="LabelIndex{T}"/>), the clusters whose agent takes clients
/// without certificates, and the selections already made, by podSelector. A NetworkPolicy request then costs the pods its selector can
/// match, not the namespace's pods, and a podSelector seen before on this snapshot (the same policy applied again) costs a lookup.
/// </summary>
internal sealed class KafkaAgentTargets
{
    /// <summary>Selections kept per namespace and snapshot: far more distinct podSelectors than one namespace has policies, yet bounded.</summary>
    private const int MaxRemembered = 512;

    private readonly LabelIndex<KafkaAgentTarget> index;
    private readonly ConcurrentDictionary<string, KafkaAgentTarget[]> selections = new(StringComparer.Ordinal);

    private KafkaAgentTargets(string ns, ClusterSnapshot snapshot)
    {
        index = new LabelIndex<KafkaAgentTarget>(KafkaAgentTarget.In(ns, snapshot), t => t.Pod.Labels);
        WithoutClientCertificates = AgentPortCheck.WithoutClientCertificates(ns, snapshot);
    }

    public IReadOnlyList<KafkaAgentTarget> All => index.Items;

    /// <summary>The Kafka clusters in the namespace whose agent accepts clients without a certificate.</summary>
    public IReadOnlySet<string> WithoutClientCertificates { get; }

    public static KafkaAgentTargets In(string ns, ClusterSnapshot snapshot) =>
        snapshot.Derived((typeof(KafkaAgentTargets), ns), s => new KafkaAgentTargets(ns, s));

    /// <summary>Exactly <c>All.Where(t => IngressSelection.Selects(policy, t.Pod))</c>, in order.</summary>
    public KafkaAgentTarget[] SelectedBy(V1NetworkPolicy policy)
    {
        if (!IngressSelection.CoversIngress(policy)) return [];
        var key = SelectorKey(policy.Namespace ?? "", policy.Spec?.PodSelector);
        if (selections.TryGetValue(key, out var known)) return known;
        var selected = new List<KafkaAgentTarget>();
        foreach (var i in index.Candidates(policy.Spec?.PodSelector))
        {
            if (IngressSelection.Selects(policy, index.Items[i].Pod)) selected.Add(index.Items[i]);
        }
        var result = selected.ToArray();
        if (selections.Count < MaxRemembered) selections.TryAdd(key, result);
        return result;
    }

    /// <summary>Everything selection depends on besides the snapshot, written so that two different selectors never share a key.</summary>
    private static string SelectorKey(string ns, V1LabelSelector? selector)
    {
        var key = new StringBuilder().Append(ns.Length).Append(':').Append(ns);
        if (selector is null) return key.Append('!').ToString();
        foreach (var (k, v) in (selector.MatchLabels ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
            Part(Part(key.Append('L'), k), v);
        foreach (var e in selector.MatchExpressions ?? [])
        {
            Part(Part(key.Append('E'), e.Key), e.Operator);
            key.Append(e.Values?.Count ?? -1);
            foreach (var v in e.Values ?? []) Part(key, v);
        }
        return key.ToString();
    }

    private static StringBuilder Part(StringBuilder key, string? value) =>
        value is null ? key.Append("-1:") : key.Append(value.Length).Append(':').Append(value);
}
