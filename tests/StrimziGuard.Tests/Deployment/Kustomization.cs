using System.Text.Json.Nodes;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Tests.Deployment;

/// <summary>
/// A small kustomize, for exactly what our kustomizations use, so CI renders <c>manifests/</c> without kubectl (it comes from no
/// registry): <c>resources</c> (files and folders), <c>components</c>, <c>configMapGenerator</c> from files without a hash suffix,
/// <c>images</c>, <c>replacements</c> (a string spliced by delimiter/index, or a whole value of any kind), <c>patches</c> by path
/// (a strategic merge as far as we use it: maps merge, lists of named items merge by name, <c>$patch: delete</c> removes the object),
/// and dropping <c>config.kubernetes.io/local-config</c> objects. Any other field is an error, so a manifest change that needs more of
/// kustomize fails here first. <see cref="RenderingTests"/> compares the result with <c>kubectl kustomize</c> where it exists.
/// </summary>
internal static class Kustomization
{
    private static readonly HashSet<string> Supported = ["apiVersion", "kind", "resources", "components", "configMapGenerator", "images", "replacements", "patches"];

    public static List<JsonObject> Render(string directory)
    {
        var objects = new List<JsonObject>();
        Apply(objects, directory, component: false);
        objects.RemoveAll(o => (string?)o["metadata"]?["annotations"]?["config.kubernetes.io/local-config"] == "true");
        return objects;
    }

    /// <summary>kustomize's order: resources, components, generators, patches, images, replacements.</summary>
    private static void Apply(List<JsonObject> objects, string directory, bool component)
    {
        var file = Path.Combine(directory, "kustomization.yaml");
        var k = (JsonObject)YamlDocuments.Parse(File.ReadAllText(file)).Single()!;
        var unknown = k.Select(p => p.Key).Where(key => !Supported.Contains(key)).ToArray();
        if (unknown.Length > 0) throw new NotSupportedException($"{file}: the test renderer does not do {string.Join(", ", unknown)}; teach it or use kubectl");
        if (((string?)k["kind"] == "Component") != component) throw new InvalidOperationException($"{file}: a Component only in components, and only a Component there");

        foreach (var entry in Strings(k["resources"]))
        {
            var path = Path.GetFullPath(Path.Combine(directory, entry));
            if (Directory.Exists(path)) objects.AddRange(Render(path));
            else objects.AddRange(YamlDocuments.Parse(File.ReadAllText(path)).OfType<JsonObject>());
        }
        foreach (var entry in Strings(k["components"])) Apply(objects, Path.GetFullPath(Path.Combine(directory, entry)), component: true);
        foreach (var generator in (k["configMapGenerator"] as JsonArray ?? []).OfType<JsonObject>()) objects.Add(ConfigMap(directory, generator));
        foreach (var patch in (k["patches"] as JsonArray ?? []).OfType<JsonObject>()) Patch(objects, directory, patch);
        foreach (var image in (k["images"] as JsonArray ?? []).OfType<JsonObject>()) Image(objects, image);
        foreach (var replacement in (k["replacements"] as JsonArray ?? []).OfType<JsonObject>()) Replace(objects, replacement);
    }

    /// <summary>A ConfigMap whose keys are the files' names and values their text; only without the hash suffix, as ours are.</summary>
    private static JsonObject ConfigMap(string directory, JsonObject generator)
    {
        var options = generator["options"] as JsonObject;
        if ((bool?)options?["disableNameSuffixHash"] != true) throw new NotSupportedException("configMapGenerator: the test renderer only does disableNameSuffixHash: true");
        var data = new JsonObject();
        foreach (var f in Strings(generator["files"])) data[Path.GetFileName(f)] = File.ReadAllText(Path.Combine(directory, f));
        var metadata = new JsonObject { ["name"] = (string)generator["name"]! };
        if ((string?)generator["namespace"] is { } ns) metadata["namespace"] = ns;
        if (options?["labels"] is JsonObject labels) metadata["labels"] = labels.DeepClone();
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = metadata, ["data"] = data };
    }

    private static void Patch(List<JsonObject> objects, string directory, JsonObject entry)
    {
        if (entry.Count != 1 || (string?)entry["path"] is not { } path) throw new NotSupportedException("patches: only {path: FILE} is supported by the test renderer");
        var patch = (JsonObject)YamlDocuments.Parse(File.ReadAllText(Path.Combine(directory, path))).Single()!;
        var target = objects.Single(o => Same(o, patch));
        if ((string?)patch["$patch"] == "delete") objects.Remove(target);
        else MergeInto(target, patch);
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null) target.Remove(key);
            else if (value is JsonObject p && target[key] is JsonObject t) MergeInto(t, p);
            else if (value is JsonArray items && target[key] is JsonArray list && Named(items) && Named(list)) MergeByName(list, items);
            else target[key] = value.DeepClone();
        }
    }

    /// <summary>Lists whose items all have a name (webhooks, containers) merge item by item, as a strategic merge does by its merge key.</summary>
    private static bool Named(JsonArray list) => list.All(i => i is JsonObject o && o["name"] is JsonValue);

    private static void MergeByName(JsonArray list, JsonArray items)
    {
        var added = new List<JsonNode>();
        foreach (var item in items.OfType<JsonObject>())
        {
            if (list.OfType<JsonObject>().FirstOrDefault(o => (string?)o["name"] == (string?)item["name"]) is { } existing) MergeInto(existing, item);
            else added.Add(item.DeepClone());
        }
        // kustomize puts the patch's new items first.
        for (var i = added.Count - 1; i >= 0; i--) list.Insert(0, added[i]);
    }

    private static void Image(List<JsonObject> objects, JsonObject entry)
    {
        var name = (string)entry["name"]!;
        foreach (var container in objects.SelectMany(Containers))
        {
            var image = (string?)container["image"] ?? "";
            var at = image.IndexOf('@');
            var repo = at >= 0 ? image[..at] : image;
            var colon = repo.LastIndexOf(':');
            var tag = colon > repo.LastIndexOf('/') ? repo[(colon + 1)..] : null;
            if (colon > repo.LastIndexOf('/')) repo = repo[..colon];
            if (repo != name) continue;
            var newName = (string?)entry["newName"] ?? repo;
            var digest = (string?)entry["digest"];
            container["image"] = digest is not null ? $"{newName}@{digest}" : $"{newName}:{(string?)entry["newTag"] ?? tag ?? "latest"}";
        }
    }

    private static IEnumerable<JsonObject> Containers(JsonObject o)
    {
        var spec = o["spec"]?["template"]?["spec"] ?? (((string?)o["kind"]) == "Pod" ? o["spec"] : null);
        return new[] { spec?["containers"], spec?["initContainers"] }.OfType<JsonArray>().SelectMany(a => a.OfType<JsonObject>());
    }

    private static void Replace(List<JsonObject> objects, JsonObject replacement)
    {
        var source = (JsonObject)replacement["source"]!;
        var from = objects.Single(o => Selected(o, source));
        var value = KustomizeFieldPath.Node(from, (string)source["fieldPath"]!) ?? throw new InvalidOperationException($"replacement source {source.ToJsonString()} has no value");
        foreach (var target in (replacement["targets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var options = target["options"] as JsonObject;
            var delimiter = (string?)options?["delimiter"];
            var index = (int)((long?)options?["index"] ?? 0);
            var selected = objects.Where(o => Selected(o, (JsonObject)target["select"]!)).ToList();
            if (selected.Count == 0) throw new InvalidOperationException($"replacement target {target["select"]!.ToJsonString()} selects nothing");
            foreach (var path in Strings(target["fieldPaths"]))
            {
                // As kustomize: a field path must reach something in at least one selected object.
                var reached = selected.Sum(o => KustomizeFieldPath.Edit(o, path, old => delimiter is null ? value.DeepClone() : JsonValue.Create(Splice((string)old!, (string)value!, delimiter, index))));
                if (reached == 0) throw new InvalidOperationException($"unable to find field \"{path}\" in replacement target");
            }
        }
    }

    private static string Splice(string old, string value, string delimiter, int index)
    {
        var parts = old.Split(delimiter);
        if (index >= parts.Length) throw new InvalidOperationException($"replacement index {index} is past the {parts.Length} parts of '{old}'");
        parts[index] = value;
        return string.Join(delimiter, parts);
    }

    private static bool Selected(JsonObject o, JsonObject select) =>
        ((string?)select["kind"] is not { } kind || kind == (string?)o["kind"]) && ((string?)select["name"] is not { } name || name == (string?)o["metadata"]?["name"]);

    private static bool Same(JsonObject o, JsonObject patch) =>
        (string?)o["kind"] == (string?)patch["kind"] && (string?)o["metadata"]?["name"] == (string?)patch["metadata"]?["name"]
        && (string?)o["metadata"]?["namespace"] == (string?)patch["metadata"]?["namespace"];

    private static IEnumerable<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(n => (string)n!);
}
