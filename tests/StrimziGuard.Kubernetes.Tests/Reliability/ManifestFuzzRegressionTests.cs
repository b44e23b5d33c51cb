using System.Text.Json.Nodes;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Kubernetes.Tests.Reliability;

/// <summary>
/// YAML the fuzzer (tests/StrimziGuard.Fuzz) found to escape as something other than <see cref="ManifestException"/>, minimized. In
/// serve, a config reload that threw anything else would have ended the process instead of keeping the previous configuration.
/// </summary>
public sealed class ManifestFuzzRegressionTests
{
    [Theory]
    [InlineData(": {\na")]
    [InlineData("!!]")]
    public void Yaml_that_trips_the_YAML_library_is_a_ManifestException(string text)
    {
        Assert.Throws<ManifestException>(() => YamlDocuments.Parse(text));
        Assert.Throws<ManifestException>(() => GuardOptionsFile.Parse("config.yaml", text));
    }

    [Fact]
    public void An_unreadable_object_whose_metadata_is_not_a_mapping_is_a_ManifestException()
    {
        var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = new JsonArray(1) };
        Assert.Throws<ManifestException>(() => ManifestLoader.ReadKnown([("pods.yaml", pod)]).ToList());
    }
}
