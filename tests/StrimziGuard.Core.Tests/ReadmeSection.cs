using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests;

/// <summary>
/// A README section that a test renders (between two marker comments): equal, or a <c>received</c> file to review and paste, in the
/// spirit of the golden files. One check for every generated table.
/// </summary>
internal static class ReadmeSection
{
    public static void AssertIs(string rendered, string start, string end, string receivedFile, string differs)
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md")).ReplaceLineEndings("\n");
        var from = readme.IndexOf(start, StringComparison.Ordinal);
        var to = readme.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"README.md lacks the markers {start} and {end}");
        if (readme[from..(to + end.Length)] == rendered)
        {
            File.Delete(receivedFile);
            return;
        }
        File.WriteAllText(receivedFile, rendered + "\n");
        Assert.Fail($"README.md's {differs}; paste {receivedFile} into README.md between the markers (replacing them)");
    }
}
