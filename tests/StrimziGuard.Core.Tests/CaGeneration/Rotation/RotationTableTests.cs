using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.CaGeneration.Rotation;

public sealed class RotationTableTests
{
    [Fact]
    public void The_README_rotation_table_is_the_one_the_model_renders()
    {
        var rendered = RotationTable.Render();
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf(RotationTable.Start, StringComparison.Ordinal);
        var end = readme.IndexOf(RotationTable.End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md lacks the markers {RotationTable.Start} and {RotationTable.End}");
        var current = readme[start..(end + RotationTable.End.Length)];
        var received = Path.Combine(Folder(), "rotation-table.received.md");
        if (current == rendered)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, rendered + "\n");
        Assert.Fail($"README.md's rotation table differs from what the model renders; paste {received} into README.md between the markers (replacing them)");
    }

    private static string Folder([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
