namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

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
    /// <c>CaReconciler.reconcileCas</c> (<c>Ca.createRenewOrReplace</c>, strimzi-facts §1 "Generation bumps"): decides from the two
    /// Secrets as read and returns the flags plus the two Secret writes, which the operator model applies in the version's order (up to
    /// 0.46 the cert Secret first, as one step; 0.47+ as separate steps in either order). The flags live in memory only and are lost on a crash.
    /// </summary>
    public (ReconcileFlags Flags, CaSecretWrites Writes) Reconcile(OperatorVersion version, int nodeCertGen)
    {
        var none = new ReconcileFlags(false, false, false, false);
        if (UserManaged)
        {
            // ≤0.44 took a user's cert change, seen through the node Secret's generation, as a key replacement: two rolls where 0.45+ does one
            // (#10876 dropped hasCaCertGenerationChanged(existingServerSecrets); strimzi-facts §3 and scenario 11).
            var changed = version == OperatorVersion.V044 && nodeCertGen != CertGen;
            return (new ReconcileFlags(changed, changed, false, false), CaSecretWrites.None);
        }
        if (!InMaintenanceWindow) return (none, CaSecretWrites.None);
        var flags = none;
        Action? cert = null;
        Action? key = null;
        if (ForceReplace)
        {
            // REPLACE_KEY: both Secrets. The force-replace annotation sits on the key Secret, so it is gone only once that write lands;
            // a cert write that landed alone is replaced again (a new key under the same subject generation, see the README's known limits).
            var (oldCert, certGen, keyGen) = (CurrentCertKeyGen, CertGen + 1, KeyGen + 1);
            cert = () => { OldCertKeyGens.Add(oldCert); (CertGen, CurrentCertKeyGen) = (certGen, keyGen); };
            key = () => { KeyGen = keyGen; ForceReplace = false; };
            flags = flags with { KeyReplaced = true, CertRenewed = true };
        }
        else if (CurrentCertKeyGen < KeyGen)
        {
            // 0.47+ only: the key Secret landed and the cert write did not (it failed, or the operator crashed in between). The retry
            // puts the certificate of the current key into ca.crt and keeps the old one; strimzi-facts does not pin how Strimzi
            // notices, so the model takes the outcome a finished replacement has.
            var (oldCert, certGen, keyGen) = (CurrentCertKeyGen, CertGen + 1, KeyGen);
            cert = () => { OldCertKeyGens.Add(oldCert); (CertGen, CurrentCertKeyGen) = (certGen, keyGen); };
            flags = flags with { KeyReplaced = true, CertRenewed = true };
        }
        else if (ForceRenew)
        {
            // RENEW_CERT keeps the key and the subject and does not keep the old certificate.
            cert = () => { CertGen++; ForceRenew = false; };
            flags = flags with { CertRenewed = true };
        }
        if (ClientsForceReplace)
        {
            ClientsCertGen++;
            ClientsForceReplace = false;
            flags = flags with { ClientsKeyReplaced = true, ClientsCertRenewed = true };
        }
        return (flags, new CaSecretWrites(cert, key));
    }
}

/// <summary>The writes of the cluster CA cert Secret and key Secret one <c>reconcileCas</c> decided on; null where it writes nothing.</summary>
internal sealed record CaSecretWrites(Action? Cert, Action? Key)
{
    public static CaSecretWrites None { get; } = new(null, null);
}
