using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Testing;

/// <summary>The realistic Strimzi objects under <c>Fixtures/strimzi</c> (modelled on Strimzi 0.45.0; see strimzi-facts, fixture index).</summary>
public static class Fixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "strimzi");

    public static JsonObject Load(string name)
    {
        var file = Path.Combine(Folder, name.EndsWith(".yaml", StringComparison.Ordinal) ? name : name + ".yaml");
        return (JsonObject)YamlDocuments.Parse(File.ReadAllText(file)).Single(d => d is not null)!;
    }

    public static T Load<T>(string name) => KubeJson.Read<T>(Load(name));
}
