namespace StrimziGuard.Core.Tests.CaGeneration.Rotation;

/// <summary>
/// The cluster and clients CA Secrets (strimzi-facts §1): the generations Strimzi annotates, and the truth behind them: which key
/// generation signed the current <c>ca.crt</c> and which old certificates are kept (<c>ca-&lt;date&gt;.crt</c>) until phase 3.
/// </summary>
internal sealed class CaSecretsModel
{
    public int CertGen { get; set; } = 3;

    public int KeyGen { get; set; }

    public int ClientsCertGen { get; set; } = 3;

    /// <summary>The key generation of the certificate in <c>ca.crt</c>; its subject is <c>CN=cluster-ca vN</c> for an operator-made CA.</summary>
    public int CurrentCertKeyGen { get; set; }

    public List<int> OldCertKeyGens { get; } = [];

    public bool UserManaged { get; set; }

    public bool ForceReplace { get; set; }

    public bool ForceRenew { get; set; }

    public bool ClientsForceReplace { get; set; }

    public bool InMaintenanceWindow { get; set; } = true;

    /// <summary>What a pod starting now trusts: every certificate in the cert Secret.</summary>
    public IReadOnlySet<int> Held => new SortedSet<int>([CurrentCertKeyGen, .. OldCertKeyGens]);

    /// <summary>
    /// <c>CaReconciler.reconcileCas</c> (<c>Ca.createRenewOrReplace</c>, strimzi-facts §1 "Generation bumps"). The cert Secret is written
    /// before the key Secret; the model makes the pair one step. The flags returned live in memory only and are lost on a crash.
    /// </summary>
    public ReconcileFlags Reconcile(OperatorVersion version, int nodeCertGen)
    {
        if (UserManaged)
        {
            // ≤0.44 took a user's cert change, seen through the node Secret's generation, as a key replacement: two rolls where 0.45+ does one
            // (#10876 dropped hasCaCertGenerationChanged(existingServerSecrets); strimzi-facts §3 and scenario 11).
            var changed = version == OperatorVersion.V044 && nodeCertGen != CertGen;
            return new ReconcileFlags(changed, changed, false, false);
        }
        if (!InMaintenanceWindow) return new ReconcileFlags(false, false, false, false);
        var flags = new ReconcileFlags(false, false, false, false);
        if (ForceReplace)
        {
            OldCertKeyGens.Add(CurrentCertKeyGen);
            CertGen++;
            KeyGen++;
            CurrentCertKeyGen = KeyGen;
            ForceReplace = false;
            flags = flags with { KeyReplaced = true, CertRenewed = true };
        }
        else if (ForceRenew)
        {
            // RENEW_CERT keeps the key and the subject and does not keep the old certificate.
            CertGen++;
            ForceRenew = false;
            flags = flags with { CertRenewed = true };
        }
        if (ClientsForceReplace)
        {
            ClientsCertGen++;
            ClientsForceReplace = false;
            flags = flags with { ClientsKeyReplaced = true, ClientsCertRenewed = true };
        }
        return flags;
    }
}
