using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Commands;

/// <summary>
/// What <c>check</c> reads from a GitOps repository, which holds more than manifests. Inside a directory a file that is not
/// Kubernetes objects (a Grafana dashboard, a Keycloak realm export, Helm values), a Helm template or an AdmissionReview is skipped
/// with its reason; a file named on the command line must be Kubernetes objects (an AdmissionReview counts as its object). Broken
/// YAML is an error either way: a manifest that does not parse must not pass CI unseen.
/// </summary>
internal static partial class RepositoryFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    private const string HelmTemplate = "a Helm template; render it with `helm template` first and check the output";

    /// <summary>Whitespace trimming (<c>{{-</c>, <c>-}}</c>), Helm's built-in objects, or its functions inside a <c>{{ }}</c>.</summary>
    [GeneratedRegex(@"\{\{-|-\}\}|\{\{[^}]*\.(Values|Release|Chart|Capabilities|Files|Template)\b|\{\{[^}]*\b(include|tpl|toYaml|required)\b")]
    private static partial Regex HelmDirective();

    public sealed record Skipped(string File, string Reason);

    public sealed record Read(IReadOnlyList<(string Source, JsonObject Object)> Objects, IReadOnlyList<Skipped> Skipped);

    public static Read Load(IEnumerable<string> paths)
    {
        var objects = new List<(string, JsonObject)>();
        var skipped = new List<Skipped>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    var (found, reason) = LoadFile(file, named: false);
                    if (reason is null) objects.AddRange(found);
                    else skipped.Add(new Skipped(file, reason));
                }
            }
            else if (File.Exists(path))
            {
                var (found, reason) = LoadFile(path, named: true);
                if (reason is not null) throw new UsageException($"check: {path}: {reason}");
                objects.AddRange(found);
            }
            else
            {
                throw new UsageException($"check: {path}: no such file or directory");
            }
        }
        return new Read(objects, skipped);
    }

    /// <summary>The file's objects, or why it holds none to judge.</summary>
    private static (IReadOnlyList<(string, JsonObject)> Objects, string? Skipped) LoadFile(string file, bool named)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"check: {file}: cannot read: {CliErrors.FirstLine(e.Message)}");
        }
        var templated = text.Contains("{{", StringComparison.Ordinal) && text.Contains("}}", StringComparison.Ordinal);
        // A Helm template does not parse as YAML, or names Helm's own objects and functions. Other "{{ }}" inside a string that parses
        // (a Prometheus alert's "{{ $labels.pod }}", an Argo parameter) is the object's own text: it is judged, never skipped unseen.
        if (templated && HelmDirective().IsMatch(text)) return ([], HelmTemplate);
        List<JsonNode?> documents;
        try
        {
            documents = OfflineInputs.Wrap(() => Parse(file, text)).Where(d => d is not null).ToList();
        }
        catch (UsageException) when (templated)
        {
            return ([], HelmTemplate);
        }
        if (documents.Count == 0) return ([], "no Kubernetes objects (the file is empty)");
        var isObject = documents.Select(d => d is JsonObject o && IsString(o["apiVersion"]) && IsString(o["kind"])).ToList();
        if (!isObject.Contains(true)) return ([], $"not Kubernetes objects (no apiVersion and kind){Looks(documents[0])}");
        if (isObject.IndexOf(false) is var bad and >= 0)
            throw new UsageException($"check: {file}: document {bad + 1} is not a Kubernetes object (no apiVersion and kind)");

        var objects = OfflineInputs.Wrap(() => ManifestLoader.Load([file]));
        if (objects is [var (_, only)] && (string?)only["kind"] == "AdmissionReview")
        {
            if (!named) return ([], "an AdmissionReview; judge it with 'strimzi-guard review FILE', or name the file to check its object");
            return only["request"]?["object"] is JsonObject reviewed && IsString(reviewed["kind"])
                ? ([(file, (JsonObject)reviewed.DeepClone())], null)
                : ([], "an AdmissionReview without an object (a DELETE?); judge it with 'strimzi-guard review FILE'");
        }
        return (objects.Where(o => (string?)o.Object["kind"] != "AdmissionReview").ToList(), null);
    }

    private static IReadOnlyList<JsonNode?> Parse(string file, string text)
    {
        try
        {
            return YamlDocuments.Parse(text);
        }
        catch (ManifestException e)
        {
            throw new ManifestException($"{file}: {e.Message}");
        }
    }

    private static bool IsString(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String;

    /// <summary>A hint at what the file is, for the kinds of files GitOps repositories commonly hold beside manifests.</summary>
    private static string Looks(JsonNode? document) => document switch
    {
        JsonObject o when o.ContainsKey("panels") || o.ContainsKey("dashboard") => ": looks like a Grafana dashboard",
        JsonObject o when o.ContainsKey("realm") => ": looks like a Keycloak realm export",
        JsonObject => ": perhaps Helm values or an application's own configuration",
        _ => "",
    };
}
