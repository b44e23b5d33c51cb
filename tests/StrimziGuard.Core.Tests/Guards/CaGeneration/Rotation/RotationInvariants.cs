namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>What must hold during and after every run, with or without the guard.</summary>
internal static class RotationInvariants
{
    /// <summary>
    /// Every live Kafka pod, and every Deployment pod as a client, trusts the key that signed each Kafka pod's server certificate. This is
    /// the outage a false stamp causes: the operator skips a pod in the trust roll, then phase 2 or 3 cuts it off (strimzi-facts §3).
    /// </summary>
    public static void CheckTls(ModelCluster w)
    {
        var servers = w.Pods.Values.Where(p => p.Deployment is null).ToArray();
        foreach (var client in w.Pods.Values)
        {
            foreach (var server in servers.Where(s => s != client && !client.Trusts.Contains(s.Presents)))
            {
                var breach = $"{client.Key} (trusts {string.Join(",", client.Trusts)}) cannot verify {server.Key} (signed by key generation {server.Presents})";
                if (!w.Log.TlsBreaks.Contains(breach)) w.Log.TlsBreaks.Add(breach);
            }
        }
    }

    /// <summary>
    /// The end state Strimzi reaches: every pod at the final generations and its entry's revision, the Deployment templates current,
    /// and the old CA certificate removed where Strimzi removes it (an operator-generated CA; never a user-managed one).
    /// </summary>
    public static IReadOnlyList<string> FinalProblems(ModelCluster w)
    {
        var ca = w.Ca;
        var problems = new List<string>();
        foreach (var name in w.RollOrder)
        {
            if (!w.Pods.TryGetValue(name, out var pod)) { problems.Add($"{name} is missing"); continue; }
            var entry = w.EntryOf(name)!;
            if ((pod.Cc, pod.Ck, pod.Cl) != (entry.Cc, entry.Ck, entry.Cl) || entry.Cc != ca.CertGen || entry.Ck != ca.KeyGen || entry.Cl != ca.ClientsCertGen)
                problems.Add($"{name} is [{pod.Cc},{pod.Ck},{pod.Cl}], entry [{entry.Cc},{entry.Ck},{entry.Cl}], CA {ca.CertGen}/{ca.KeyGen}/{ca.ClientsCertGen}");
            if (pod.Revision != entry.Revision) problems.Add($"{name} has revision {pod.Revision}, entry {entry.Revision}");
        }
        foreach (var d in ModelCluster.Deployments)
        {
            if (!w.Pods.TryGetValue(d, out var pod)) { problems.Add($"{d} pod is missing"); continue; }
            if (w.Templates[d] != (ca.CertGen, ca.KeyGen) || pod.Cc != ca.CertGen || pod.Ck != ca.KeyGen)
                problems.Add($"{d} pod is [{pod.Cc},{pod.Ck}], template {w.Templates[d]}");
        }
        if (!ca.UserManaged && ca.OldCertKeyGens.Count > 0) problems.Add($"old CA certificates {string.Join(",", ca.OldCertKeyGens)} still in the cert Secret");
        if (ca.UserManaged && ca.KeyGen > 0 && !ca.OldCertKeyGens.Contains(ca.KeyGen - 1)) problems.Add("Strimzi removed the old certificate from a user-managed Secret");
        return problems;
    }
}
