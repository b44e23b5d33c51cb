using System.Text.Json.Nodes;
using StrimziGuard.Testing;

namespace StrimziGuard.Fuzz;

/// <summary>The inputs mutations start from: the example and golden AdmissionReviews, the example cluster state, the shipped config.</summary>
public static class Seeds
{
    public static IReadOnlyList<byte[]> AdmissionReviews() =>
        Directory.GetFiles(RepositoryRoot.Combine("manifests", "examples", "admission-reviews"), "*.json")
            .Concat(Directory.GetFiles(RepositoryRoot.Combine("tests", "StrimziGuard.Core.Tests", "Golden"), "*.request.json"))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToArray();

    /// <summary>One example review of each kind the Secret target wraps its objects in.</summary>
    public static JsonObject SecretReview() =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("manifests", "examples", "admission-reviews", "secret-create-listener-30d.json")))!.AsObject();

    public static IReadOnlyList<string> ClusterStateYaml() =>
        Directory.GetFiles(RepositoryRoot.Combine("manifests", "examples"), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();

    public static IReadOnlyList<string> ConfigYaml()
    {
        return
        [
            // The install's configuration, verbatim (its kustomize header included).
            File.ReadAllText(RepositoryRoot.Combine("manifests", "base", "config.yaml")),
            """
            operator:
              namespace: strimzi
              serviceAccount: strimzi-cluster-operator
            excludedNamespaces: [kube-system, strimzi-guard]
            watchNamespaces: [kafka, kafka-dev]
            certLifetime:
              mode: Enforce
              maxLifetime: 7d
              fillDefaults: true
              secretSelector:
                matchLabels: {tls.example.com/short-lived: "true"}
                matchExpressions: [{key: tier, operator: In, values: [kafka]}]
            caGeneration: {mode: Warn}
            agentPort: {mode: Audit}
            """,
            "{}",
        ];
    }
}
