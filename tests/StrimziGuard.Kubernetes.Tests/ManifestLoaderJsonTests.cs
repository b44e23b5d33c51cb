using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Testing;

namespace StrimziGuard.Kubernetes.Tests;

/// <summary>
/// A <c>.json</c> cluster state is read by the JSON parser (the fast way for <c>kubectl get -o json</c> of a large cluster); it must give
/// exactly the objects the YAML reader gives, and what the JSON parser refuses still reads (or fails) as YAML does.
/// </summary>
public sealed class ManifestLoaderJsonTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("strimzi-guard-json-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void A_json_list_gives_the_same_objects_as_the_same_list_read_as_yaml()
    {
        var items = new JsonArray(
            Fixtures.Load("pod-my-cluster-broker-0.steady"), Fixtures.Load("strimzipodset-my-cluster-broker.steady"),
            Fixtures.Load("secret-my-cluster-cluster-ca-cert.key-replacement"), Fixtures.Load("kafka-my-cluster.kraft-node-pools.ca-7d"));
        var list = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items }.ToJsonString();
        var json = Write("state.json", list);
        var yaml = Write("state.yaml", list);

        Assert.Equal(Describe(ManifestLoader.Load([yaml])), Describe(ManifestLoader.Load([json])));
        Assert.Equal(4, ManifestLoader.LoadSnapshot([json]).Objects.Count);
    }

    [Fact]
    public void A_json_file_the_json_parser_refuses_reads_as_yaml_does()
    {
        var twoDocuments = Write("two.json", """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}""" + "\n---\n" + """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "b"}}""");
        var duplicate = Write("duplicate.json", """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a", "name": "b"}}""");
        var duplicateYaml = Write("duplicate.yaml", """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a", "name": "b"}}""");

        Assert.Equal(["a", "b"], ManifestLoader.LoadSnapshot([twoDocuments]).Namespaces.All.Select(n => n.Name).Order());
        Assert.Equal(Outcome(() => ManifestLoader.Load([duplicateYaml])).Replace("duplicate.yaml", "duplicate.json", StringComparison.Ordinal), Outcome(() => ManifestLoader.Load([duplicate])));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Describe(IReadOnlyList<(string Source, JsonObject Object)> objects) =>
        string.Join("\n", objects.Select(o => KnownKinds.Read(o.Object) is { } typed ? KubeJson.ToNode<object>(typed).ToJsonString() : o.Object.ToJsonString()));

    private static string Outcome(Func<object> load)
    {
        try
        {
            return $"loaded: {Describe((IReadOnlyList<(string, JsonObject)>)load())}";
        }
        catch (ManifestException e)
        {
            return $"error: {e.Message}";
        }
    }
}
