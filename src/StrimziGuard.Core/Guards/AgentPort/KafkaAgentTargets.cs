using System.Collections.Concurrent;
using System.Runtime.InteropServices;
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
    private readonly ConcurrentDictionary<(string Namespace, V1LabelSelector? Selector), KafkaAgentTarget[]> selections = new(SameSelection.Instance);

    private KafkaAgentTargets(string ns, ClusterSnapshot snapshot)
    {
        index = new LabelIndex<KafkaAgentTarget>(KafkaAgentTarget.In(ns, snapshot), t => t.Pod.Labels);
        WithoutClientCertificates = AgentPortCheck.WithoutClientCertificates(ns, snapshot);
    }

    public IReadOnlyList<KafkaAgentTarget> All => index.Items;

    /// <summary>The Kafka clusters in the namespace whose agent accepts clients without a certificate.</summary>
    public IReadOnlySet<string> WithoutClientCertificates { get; }

    public static KafkaAgentTargets In(string ns, ClusterSnapshot snapshot) =>
        snapshot.Derived((typeof(KafkaAgentTargets), ns), ns, static (s, ns) => new KafkaAgentTargets(ns, s));

    /// <summary>Exactly <c>All.Where(t => IngressSelection.Selects(policy, t.Pod))</c>, in order.</summary>
    public KafkaAgentTarget[] SelectedBy(V1NetworkPolicy policy)
    {
        if (!IngressSelection.CoversIngress(policy)) return [];
        var key = (policy.Namespace ?? "", policy.Spec?.PodSelector);
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

    /// <summary>
    /// Everything selection depends on besides the snapshot: the namespace and the selector's content (labels in any order, expressions in
    /// theirs), so two different selectors never share a selection. Compared in place: a key written out as text was garbage for every
    /// review. A remembered key holds the selector of the request that first asked, which nothing changes afterwards.
    /// </summary>
    private sealed class SameSelection : IEqualityComparer<(string Namespace, V1LabelSelector? Selector)>
    {
        public static readonly SameSelection Instance = new();

        public bool Equals((string Namespace, V1LabelSelector? Selector) x, (string Namespace, V1LabelSelector? Selector) y) =>
            x.Namespace == y.Namespace && Same(x.Selector, y.Selector);

        public int GetHashCode((string Namespace, V1LabelSelector? Selector) key)
        {
            if (key.Selector is not { } selector) return HashCode.Combine(key.Namespace, -1);
            var labels = 0;
            if (selector.MatchLabels is { } matchLabels)
                foreach (var (k, v) in matchLabels) labels += HashCode.Combine(k, v); // a sum: the labels' order does not count
            return HashCode.Combine(key.Namespace, selector.MatchLabels?.Count ?? 0, labels, selector.MatchExpressions?.Count ?? 0);
        }

        private static bool Same(V1LabelSelector? x, V1LabelSelector? y)
        {
            if (x is null || y is null) return x is null && y is null;
            // No matchLabels and an empty one select alike.
            if ((x.MatchLabels?.Count ?? 0) != (y.MatchLabels?.Count ?? 0)) return false;
            if (x.MatchLabels is { } xl)
                foreach (var (k, v) in xl)
                    if (!y.MatchLabels!.TryGetValue(k, out var other) || other != v) return false;
            var (xe, ye) = (x.MatchExpressions, y.MatchExpressions);
            if ((xe?.Count ?? 0) != (ye?.Count ?? 0)) return false;
            for (var i = 0; i < (xe?.Count ?? 0); i++)
            {
                var (a, b) = (xe![i], ye![i]);
                if (a.Key != b.Key || a.Operator != b.Operator || !SameValues(a.Values, b.Values)) return false;
            }
            return true;
        }

        private static bool SameValues(List<string>? x, List<string>? y) =>
            x is null || y is null ? x is null && y is null : CollectionsMarshal.AsSpan(x).SequenceEqual(CollectionsMarshal.AsSpan(y));
    }
}
