namespace StrimziGuard.Core.Tests.CaGeneration.Rotation;

/// <summary>Which CaReconciler the model runs (strimzi-facts §0 and §3).</summary>
public enum OperatorVersion
{
    /// <summary>≤0.44: the trust roll restarts every Kafka pod when the key was replaced or any pod is behind; no StrimziPodSet stamping.</summary>
    V044,

    /// <summary>0.45+ (#10876): stamp every entry with a resourceVersion'd PUT, then roll only pods whose live annotation differs.</summary>
    V045,
}
