namespace StrimziGuard.Testing;

/// <summary>
/// The runtime settings the image sets in its environment: the <c>DOTNET_*</c> entries of the last <c>ENV</c> instruction of
/// <c>src/StrimziGuard/Dockerfile</c>. Some runtime settings have no runtimeconfig name and the runtime reads them once, as it starts, so
/// a process that must run as the image does (the benchmark) starts itself again with them.
/// </summary>
public static class ImageEnvironment
{
    public static IReadOnlyDictionary<string, string> Read() => Parse(File.ReadAllText(RepositoryRoot.Combine("src", "StrimziGuard", "Dockerfile")));

    /// <summary>The <c>DOTNET_*</c> pairs of the last <c>ENV NAME=VALUE ...</c> instruction, continuation lines joined.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string dockerfile)
    {
        var lines = dockerfile.Replace("\r\n", "\n").Split('\n');
        var start = Array.FindLastIndex(lines, l => l.StartsWith("ENV ", StringComparison.Ordinal));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (start < 0) return settings;
        var words = new List<string>();
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var continued = line.EndsWith('\\');
            words.AddRange(line.TrimEnd('\\').Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (!continued) break;
        }
        foreach (var word in words.Skip(1))
        {
            var eq = word.IndexOf('=');
            if (eq <= 0) throw new FormatException($"Dockerfile ENV: '{word}' is not NAME=VALUE");
            if (word.StartsWith("DOTNET_", StringComparison.Ordinal)) settings[word[..eq]] = word[(eq + 1)..].Trim('"');
        }
        return settings;
    }

    /// <summary>Those of <paramref name="settings"/> this process was not started with.</summary>
    public static IReadOnlyDictionary<string, string> MissingHere(IReadOnlyDictionary<string, string> settings) =>
        settings.Where(s => Environment.GetEnvironmentVariable(s.Key) != s.Value).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
}
