namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>Which CaReconciler the model runs (strimzi-facts §0 and §3). Ordered: a later version keeps what the earlier ones changed.</summary>
public enum OperatorVersion
{
    /// <summary>≤0.44: the trust roll restarts every Kafka pod when the key was replaced or any pod is behind; no StrimziPodSet stamping.</summary>
    V044,

    /// <summary>0.45-0.46 (#10876): stamp every entry with a resourceVersion'd PUT, then roll only pods whose live annotation differs.
    /// The cert Secret is written before the key Secret.</summary>
    V045,

    /// <summary>0.47+ (#11527): as 0.45, but the cert Secret and the key Secret are written concurrently, so they land in either order
    /// (<see cref="RotationOptions.SecretWrites"/>) and one can fail while the other succeeds.</summary>
    V047,
}

/// <summary>Which CA Secret a 0.47+ operator's write lands first.</summary>
public enum SecretWriteOrder
{
    KeyFirst,
    CertFirst,
}
