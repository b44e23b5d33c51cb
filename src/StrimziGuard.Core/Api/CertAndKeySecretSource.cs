using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class CertAndKeySecretSource
{
    public string? SecretName { get; set; }

    public string? Certificate { get; set; }

    public string? Key { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
