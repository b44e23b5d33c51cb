namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>What one run did: restarts per pod and reason, and every breach of what the guard promises.</summary>
internal sealed class RotationLog
{
    /// <summary>Per pod (Deployment pods by Deployment name), the reason of each restart in order.</summary>
    public SortedDictionary<string, List<string>> Restarts { get; } = new(StringComparer.Ordinal);

    /// <summary>A pod created claiming trust in a key generation whose certificate the cert Secret did not hold, or such an entry stamp.</summary>
    public List<string> FalseStamps { get; } = [];

    /// <summary>Any change by the guard to cc, cl, revision, entry names or count, or a lowered key generation. Must stay empty.</summary>
    public List<string> GuardOverreach { get; } = [];

    /// <summary>A live pod presenting a certificate signed by a key another live pod does not trust: the outage a false stamp causes.</summary>
    public List<string> TlsBreaks { get; } = [];

    public List<string> DeniedWrites { get; } = [];

    public List<string> Trace { get; } = [];

    public int OperatorConflicts { get; set; }

    public int GuardEntryWrites { get; set; }

    public int GuardConflicts { get; set; }

    public int GuardPodStamps { get; set; }

    public int Reconciliations { get; set; }

    public int Total => Restarts.Values.Sum(r => r.Count);

    public int Of(string pod) => Restarts.TryGetValue(pod, out var r) ? r.Count : 0;

    /// <summary>Restarts of <paramref name="pod"/> that had <paramref name="reason"/> among their reasons.</summary>
    public int Of(string pod, string reason) => Restarts.TryGetValue(pod, out var r) ? r.Count(x => x.Split('+').Contains(reason)) : 0;

    public int Reason(string reason) => Restarts.Keys.Sum(p => Of(p, reason));

    public void Restart(string pod, string reason)
    {
        if (!Restarts.TryGetValue(pod, out var list)) Restarts[pod] = list = [];
        list.Add(reason);
    }

    /// <summary>Restarts per pod in a fixed order: controllers, brokers (plus any added node), then EO CC KE, e.g. <c>333333/222</c>.</summary>
    public string Short()
    {
        var kafka = ModelCluster.KafkaPodNames.Select(p => Of(p).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var extra = Restarts.Keys.Where(k => !ModelCluster.KafkaPodNames.Contains(k) && !ModelCluster.Deployments.Contains(k)).Select(k => "+" + Of(k));
        var deployments = ModelCluster.Deployments.Select(d => Of(d).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return string.Concat(kafka) + string.Concat(extra) + "/" + string.Concat(deployments);
    }
}
