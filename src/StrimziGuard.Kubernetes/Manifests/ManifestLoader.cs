using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Kubernetes.Manifests;

/// <summary>
/// Reads Kubernetes objects from what <c>kubectl get -o yaml</c> prints or a repository holds: YAML or JSON files, multi-document
/// files, <c>kind: List</c> (and <c>*List</c>), and directories of them (recursively, in name order).
/// </summary>
public static class ManifestLoader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Every object found, each with the file it came from.</summary>
    public static IReadOnlyList<(string Source, JsonObject Object)> Load(IEnumerable<string> paths) => [.. Files(paths).SelectMany(LoadFile)];

    /// <summary>
    /// A snapshot of the objects of the kinds the guards read; other kinds are skipped. Read a file at a time and kept as the watch caches
    /// keep them (<see cref="CachedObjects"/>), so a large cluster state never holds all its JSON trees at once: at 10,000 pods that was
    /// over a gigabyte resident.
    /// </summary>
    public static ClusterSnapshot LoadSnapshot(IEnumerable<string> paths) =>
        ClusterSnapshot.From([.. Files(paths).SelectMany(file => ReadKnown(LoadFile(file)).Select(CachedObjects.Trim))]);

    /// <summary>The files named, directories walked recursively in name order; a missing path is an error before anything is read.</summary>
    private static List<string> Files(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new ManifestException($"{path}: no such file or directory");
            }
        }
        return files;
    }

    public static IEnumerable<KubernetesObject> ReadKnown(IEnumerable<(string Source, JsonObject Object)> objects)
    {
        foreach (var (source, obj) in objects)
        {
            KubernetesObject? typed;
            try
            {
                typed = KnownKinds.Read(obj);
            }
            catch (JsonException e)
            {
                var name = obj["metadata"] is JsonObject metadata ? metadata["name"] : null;
                throw new ManifestException($"{source}: {obj["kind"]} {name}: {JsonErrorText.Describe(e, obj)}");
            }
            if (typed is not null) yield return typed;
        }
    }

    private static List<(string, JsonObject)> LoadFile(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManifestException($"{file}: cannot read: {e.Message}");
        }
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = ParseJson(file, text) ?? YamlDocuments.Parse(text);
        }
        catch (ManifestException e)
        {
            throw new ManifestException($"{file}: {e.Message}");
        }
        var result = new List<(string, JsonObject)>();
        foreach (var doc in documents)
        {
            if (doc is null) continue;
            if (doc is not JsonObject obj) throw new ManifestException($"{file}: a document is not a Kubernetes object (expected a mapping)");
            Flatten(file, obj, result);
        }
        return result;
    }

    /// <summary>
    /// A <c>.json</c> file that is one JSON value, read by the JSON parser: several times faster than reading it as YAML, which is what
    /// <c>kubectl get -o json</c> of a large cluster needs. Anything else (several documents, comments, an error) goes the YAML way, which
    /// gives the same objects and explains errors in its words (duplicate keys included: the JSON parser is told to refuse them).
    /// </summary>
    private static IReadOnlyList<JsonNode?>? ParseJson(string file, string text)
    {
        if (!file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            return [JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false })];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Flatten(string file, JsonObject obj, List<(string, JsonObject)> into)
    {
        var kind = obj["kind"]?.GetValueKind() == JsonValueKind.String ? (string?)obj["kind"] : null;
        if (kind is not null && kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
        {
            foreach (var item in items)
            {
                if (item is JsonObject o) Flatten(file, o, into);
                else throw new ManifestException($"{file}: an item of {kind} is not an object");
            }
            return;
        }
        if (kind is null) throw new ManifestException($"{file}: an object has no kind");
        into.Add((file, obj));
    }
}
