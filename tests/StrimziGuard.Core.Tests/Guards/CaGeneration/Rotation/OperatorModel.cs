using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// One reconciliation of the Strimzi cluster operator, as far as CA rotation goes: CaReconciler (strimzi-facts §3 pipeline), then
/// KafkaReconciler (§2 "everything else"), then the Deployment reconcilers. Every <c>yield</c> is a point where the operator can crash:
/// the run stops enumerating, the in-memory flags are gone, and the next reconciliation starts from what is persisted.
/// </summary>
internal sealed class OperatorModel(ModelCluster w)
{
    private const string Operator = Requests.Operator;

    public IEnumerable<string> Reconcile()
    {
        var ca = w.Ca;
        var (flags, writes) = ca.Reconcile(w.Version, w.NodeCertGen);
        if (w.Version < OperatorVersion.V047 || writes.Cert is null || writes.Key is null)
        {
            writes.Cert?.Invoke();
            writes.Key?.Invoke();
        }
        else
        {
            // 0.47+ (InternalCaProvider.createAndReconcileCa): both writes start together; the reconciliation goes on only when both succeeded.
            if (w.CertWriteFailures > 0)
            {
                w.CertWriteFailures--;
                writes.Key();
                yield return "ca:key-secret-written";
                yield return "ca:cert-write-failed";
                yield break;
            }
            var certFirst = w.Options.SecretWrites == SecretWriteOrder.CertFirst;
            (certFirst ? writes.Cert : writes.Key)();
            yield return certFirst ? "ca:cert-secret-written" : "ca:key-secret-written";
            (certFirst ? writes.Key : writes.Cert)();
        }
        yield return "ca:secrets";

        // verifyClusterCaFullyTrustedAndUsed: every Kafka-labelled pod, Deployment pods included; a missing annotation counts as current.
        var live = w.Pods.Values.ToArray();
        var needFullTrust = live.Any(p => (p.Ck ?? ca.KeyGen) != ca.KeyGen);
        var fullyUsed = live.Length > 0 && live.All(p => (p.Cc ?? ca.CertGen) == ca.CertGen);
        var clusterTrustRoll = flags.KeyReplaced || needFullTrust;
        // ≤0.44 also rolled for a clients CA key replacement; #10814 (0.45) removed that.
        var clientsTrustRoll = w.Version == OperatorVersion.V044 && flags.ClientsKeyReplaced;
        if (clusterTrustRoll || clientsTrustRoll)
        {
            if (w.Version >= OperatorVersion.V045 && clusterTrustRoll)
            {
                // patchClusterCaKeyGenerationAndReturnNodes: list, merge the key generation into every entry (revision untouched), PUT with the listed resourceVersion.
                var listed = w.PodSets.Values.Select(s => (Set: s, s.ResourceVersion)).ToArray();
                yield return "ca:sps-listed";
                if (listed.Any(l => l.Set.ResourceVersion != l.ResourceVersion))
                {
                    w.Log.OperatorConflicts++;
                    yield return "ca:sps-conflict";
                    yield break;
                }
                foreach (var (set, _) in listed) w.Write(set, set.Entries.Select(e => e with { Ck = ca.KeyGen }).ToArray());
                yield return "ca:sps-stamped";
            }
            yield return "ca:trust-roll-start";
            foreach (var name in w.RollOrder.ToArray())
            {
                // rollKafkaBrokers re-reads each live pod; 0.45+ compares its annotation (missing = current), ≤0.44 rolls every pod.
                if (!w.Pods.TryGetValue(name, out var pod)) continue;
                if (w.Version >= OperatorVersion.V045 && (pod.Ck ?? ca.KeyGen) == ca.KeyGen) continue;
                w.Delete(name, Operator, clusterTrustRoll ? Reasons.KeyReplaced : Reasons.ClientsKeyReplaced);
                yield return $"ca:roll:delete:{name}";
                yield return $"ca:roll:up:{name}";
            }
            if (clusterTrustRoll)
            {
                foreach (var d in ModelCluster.Deployments.Where(w.Pods.ContainsKey))
                {
                    // rollDeploymentIfExists: unconditional.
                    w.Delete(d, Operator, Reasons.KeyReplaced);
                    yield return $"ca:deployment:delete:{d}";
                }
            }
        }

        // maybeRemoveOldClusterCaCertificates (phase 3): only for a CA Strimzi generates, only when every pod presents the current generation.
        var certsRemoved = false;
        if (fullyUsed && !ca.UserManaged && ca.OldCertKeyGens.Count > 0)
        {
            ca.OldCertKeyGens.Clear();
            certsRemoved = true;
            yield return "ca:old-cert-removed";
        }
        yield return "ca:done";

        foreach (var step in KafkaReconciler(flags, certsRemoved)) yield return step;

        // EntityOperator, CruiseControl and KafkaExporter reconcilers: a new template rolls the pod through the Deployment controller.
        foreach (var d in ModelCluster.Deployments)
        {
            if (w.Templates[d] == (ca.CertGen, ca.KeyGen)) continue;
            w.Templates[d] = (ca.CertGen, ca.KeyGen);
            if (w.Pods.ContainsKey(d)) w.Delete(d, ModelCluster.DeploymentController, Reasons.TemplateChanged);
            yield return $"deployment:rolled:{d}";
        }
        yield return "done";
    }

    private IEnumerable<string> KafkaReconciler(ReconcileFlags flags, bool certsRemoved)
    {
        var ca = w.Ca;
        // Node certificates are re-issued when the CA cert was renewed in this reconciliation or the node Secret is behind (§1).
        if (flags.CertRenewed || w.NodeCertGen != ca.CertGen)
        {
            w.NodeCertGen = ca.CertGen;
            w.NodeSignerKeyGen = ca.CurrentCertKeyGen;
            w.NodeCertIssue++;
            yield return "kafka:node-certs";
        }
        // Regenerate every entry with the current generations and a fresh revision; PUT without resourceVersion: last write wins (§4).
        foreach (var set in w.PodSets.Values)
        {
            var names = w.RollOrder.Where(n => KubeObjects.PoolSet(n) == set.Name);
            w.Write(set, names.Select(n => ModelEntry.Generate(n, ca.CertGen, ca.KeyGen, ca.ClientsCertGen, w.NodeCertIssue)).ToArray());
        }
        yield return "kafka:sps";

        foreach (var name in w.RollOrder.ToArray())
        {
            if (!w.Pods.TryGetValue(name, out var pod) || w.EntryOf(name) is not { } entry) continue;
            var reason = ReasonToRestart(pod, entry, flags, certsRemoved);
            if (reason is null) continue;
            w.Delete(name, Operator, reason);
            yield return $"kafka:roll:delete:{name}";
            yield return $"kafka:roll:up:{name}";
        }
    }

    /// <summary>ReconcilerUtils.reasonsToRestartPod, joined with '+'. A missing cc or cl counts as 0 (0.45.0 isPodCaCertUpToDate).</summary>
    private string? ReasonToRestart(ModelPod pod, ModelEntry entry, ReconcileFlags flags, bool certsRemoved)
    {
        var ca = w.Ca;
        var reasons = new List<string>();
        if (pod.Revision != entry.Revision) reasons.Add(Reasons.OldRevision);
        if (flags.CertRenewed || flags.ClientsCertRenewed) reasons.Add(Reasons.CertRenewed);
        if (certsRemoved) reasons.Add(Reasons.CertRemoved);
        if ((pod.Cc ?? 0) != ca.CertGen || (pod.Cl ?? 0) != ca.ClientsCertGen) reasons.Add(Reasons.OldGeneration);
        // Only when both hashes are present (trackedServerCertChanged).
        if (pod.CertIssue is { } issue && issue != w.NodeCertIssue) reasons.Add(Reasons.CertificatesChanged);
        return reasons.Count == 0 ? null : string.Join("+", reasons);
    }
}
