namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// strimzi-facts "Scenarios worth testing" 1-17, then the 0.47+ Secret-write races (18, 19). All start at <c>cluster-ca-cert 3 / cluster-ca 0</c> with every pod <c>[3,0,3]</c>;
/// controllers C3-C5 roll before brokers P0-P2, as KafkaRoller orders them.
/// </summary>
internal static class RotationScenarios
{
    public const string P0 = "my-cluster-broker-0";
    public const string P1 = "my-cluster-broker-1";
    public const string P2 = "my-cluster-broker-2";
    public const string C3 = "my-cluster-controller-3";
    public const string P6 = "my-cluster-broker-6";

    private static readonly Action<ModelCluster> ForceReplace = w => w.Ca.ForceReplace = true;

    public static RotationScenario KeyReplacement { get; } = new(1, "Key replacement, no crash", ForceReplace, []);

    public static IReadOnlyList<RotationScenario> All { get; } =
    [
        KeyReplacement,
        new(2, "Crash in the middle of the trust roll (#10710)", ForceReplace, [RunPoint.OperatorCrash($"ca:roll:up:{P0}")]),
        new(3, "Crash after the SPS stamp, before any deletion", ForceReplace, [RunPoint.OperatorCrash("ca:trust-roll-start")]),
        new(4, "Crash after the trust roll, before KafkaReconciler", ForceReplace, [RunPoint.OperatorCrash("ca:done")]),
        new(5, "Crash in the middle of phase 2", ForceReplace, [RunPoint.OperatorCrash($"kafka:roll:up:{P0}")]),
        // The second time P0 comes back from a KafkaReconciler roll is phase 3 (CaCertRemoved) in R+1.
        new(6, "Crash in the middle of phase 3", ForceReplace, [RunPoint.OperatorCrash($"kafka:roll:up:{P0}", occurrence: 2)]),
        new(7, "CA cert renewal with the same key", w => w.Ca.ForceRenew = true, []),
        new(8, "Clients CA key replacement", w => w.Ca.ClientsForceReplace = true, []),
        new(9, "Postponed rotation (outside the maintenance window)", w => { w.Ca.ForceReplace = true; w.Ca.InMaintenanceWindow = false; }, []),
        new(10, "User-managed CA, key replaced by the user", UserReplacesKey, []),
        new(11, "User-managed CA, cert only", UserRenewsCert, []),
        new(12, "Missing pod annotations (P0 without ck, P1 without cc)", MissingAnnotations, []),
        new(13, "Pod evicted and recreated during phase 1", ForceReplace,
            [RunPoint.At($"ca:roll:up:{C3}", w => w.Delete(P2, "system:serviceaccount:kube-system:node-controller", Reasons.Evicted))]),
        new(14, "Recreate from a stale SPS cache, then a crash after the trust roll", ForceReplace, [RunPoint.OperatorCrash("ca:done")])
        {
            Options = new() { StaleCache = true },
        },
        new(15, "Conflicting writers: the guard plans from a stale cache", ForceReplace, []) { Options = new() { GuardStaleCache = true } },
        new(16, "Scale-up during rotation (P6 added)", w => { w.Ca.ForceReplace = true; w.AddedBrokers.Add(P6); }, []),
        new(17, "core.strimzi.io/v1 objects, 1.x annotations", ForceReplace, [])
        {
            Options = new() { ApiVersion = "core.strimzi.io/v1", Layout1x = true },
        },
        new(18, "Key Secret lands first while a pod with a lagging cert generation is recreated", LaggingBroker,
            [RunPoint.At("ca:key-secret-written", RecreateLaggingBroker)])
        {
            Versions = [OperatorVersion.V047],
        },
        new(19, "Cert Secret write fails, key Secret write succeeds, a lagging pod is recreated", LaggingBroker,
            [RunPoint.At("ca:key-secret-written", RecreateLaggingBroker)])
        {
            Options = new() { CertWriteFails = true },
            Versions = [OperatorVersion.V047],
        },
    ];

    public static RotationScenario Number(int n) => All.Single(s => s.Number == n);

    /// <summary>The user writes 4/1 and keeps the old certificate; no operator-made subject to read (strimzi-facts §1 "User-managed CA").</summary>
    private static void UserReplacesKey(ModelCluster w)
    {
        w.Ca.UserManaged = true;
        w.Ca.OldCertKeyGens.Add(0);
        (w.Ca.CertGen, w.Ca.KeyGen, w.Ca.CurrentCertKeyGen) = (4, 1, 1);
    }

    private static void UserRenewsCert(ModelCluster w)
    {
        w.Ca.UserManaged = true;
        w.Ca.CertGen = 4;
    }

    /// <summary>
    /// P2 lags one cert generation behind the cert Secret (an earlier renewal roll was interrupted before reaching it): its live pod and
    /// the previous version of its entry say cc=2, the current entry cc=3. Then a key replacement is requested.
    /// </summary>
    private static void LaggingBroker(ModelCluster w)
    {
        var brokers = w.PodSets["my-cluster-broker"];
        var current = brokers.Entries;
        var lagging = ModelEntry.Generate(P2, 2, 0, 3, w.NodeCertIssue);
        w.Write(brokers, current.Select(e => e.Name == P2 ? lagging : e).ToArray());
        w.Write(brokers, current);
        brokers.ControllerCacheBehind = false;
        w.Replace(P2, p => p with { Cc = 2, Revision = lagging.Revision });
        w.Ca.ForceReplace = true;
    }

    /// <summary>P2 is evicted (unless it is already down), and the PodSet controller recreates it (as the operator) from the older entry
    /// its cache still holds.</summary>
    public static void RecreateLaggingBroker(ModelCluster w)
    {
        w.PodSets["my-cluster-broker"].ControllerCacheBehind = true;
        if (w.Pods.ContainsKey(P2)) w.Delete(P2, "system:serviceaccount:kube-system:node-controller", Reasons.Evicted);
    }

    /// <summary>Pods created by an older operator: the entries are complete, the live pods lack one annotation each (same revision).</summary>
    private static void MissingAnnotations(ModelCluster w)
    {
        w.Replace(P0, p => p with { Ck = null });
        w.Replace(P1, p => p with { Cc = null });
    }
}
