using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Kubernetes.Tests;

internal static class TestObjects
{
    public static V1Pod Pod(string name, string ns = "kafka", Dictionary<string, string>? labels = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels ?? new() { ["strimzi.io/kind"] = "Kafka", ["strimzi.io/cluster"] = "my-cluster" } },
    };

    public static V1Secret Secret(string name, string ns = "kafka", Dictionary<string, string>? labels = null, Dictionary<string, string>? data = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
        Data = data,
    };

    public static V1Namespace Namespace(string name) => new() { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = name } };

    public static JsonObject PodJson(string name, string ns = "kafka", string? extraLabel = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = extraLabel is null
                ? new JsonObject { ["strimzi.io/kind"] = "Kafka" }
                : new JsonObject { ["strimzi.io/kind"] = "Kafka", ["step"] = extraLabel },
        },
    };
}
