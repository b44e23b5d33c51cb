using System.Text.Json;
using System.Text.Json.Nodes;

namespace StrimziGuard.Core.Api;

/// <summary>A Strimzi <c>KafkaNodePool</c>; the guards only need its identity and labels, the spec is kept as it came.</summary>
public sealed class KafkaNodePool : KubernetesObject
{
    public JsonElement? Spec { get; set; }
}
