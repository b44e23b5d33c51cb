using StrimziGuard.Core.Options;

namespace StrimziGuard.Kubernetes.Manifests;

/// <summary>Reads the guard's YAML configuration file; any problem is a <see cref="ManifestException"/> naming the file and the field.</summary>
public static class GuardOptionsFile
{
    public static GuardOptions Load(string? path)
    {
        if (path is null) return GuardOptions.Default;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManifestException($"{path}: cannot read: {e.Message}");
        }
        return Parse(path, text);
    }

    public static GuardOptions Parse(string source, string text)
    {
        IReadOnlyList<System.Text.Json.Nodes.JsonNode?> documents;
        try
        {
            documents = YamlDocuments.Parse(text);
        }
        catch (ManifestException e)
        {
            throw new ManifestException($"{source}: {e.Message}");
        }
        if (documents.Count > 1) throw new ManifestException($"{source}: expected one YAML document, found {documents.Count}");
        var (options, errors) = GuardOptionsReader.Read(documents.Count == 0 ? null : documents[0]);
        return options ?? throw new ManifestException($"{source}: {string.Join("; ", errors)}");
    }
}
