using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class V1NetworkPolicyPort
{
    /// <summary>TCP when unset.</summary>
    public string? Protocol { get; set; }

    /// <summary>A number or a named container port (an IntOrString in the API).</summary>
    public IntOrString? Port { get; set; }

    public int? EndPort { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
