using System.Text.RegularExpressions;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests;

/// <summary>Core decides; it does no I/O, reads no clock and logs nothing (architecture.md §4.1).</summary>
public sealed class CorePurityTests
{
    [Fact]
    public void Core_source_uses_no_clock_files_environment_console_or_logger()
    {
        var forbidden = new Regex(@"\b(DateTime(Offset)?\.(Now|UtcNow|Today)|File\.|Directory\.|Environment\.|Console\.|HttpClient|ILogger|Stopwatch|TimeProvider\.System)");
        var offenders = Directory.EnumerateFiles(RepositoryRoot.Combine("src", "StrimziGuard.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && !x.line.TrimStart().StartsWith("///", StringComparison.Ordinal) && forbidden.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}");
        Assert.Empty(offenders);
    }
}
