namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

public sealed class RotationTableTests
{
    [Fact]
    public void The_README_rotation_table_is_the_one_the_model_renders()
    {
        ReadmeSection.AssertIs(RotationTable.Render(), RotationTable.Start, RotationTable.End,
            Path.Combine(Folder(), "rotation-table.received.md"), "rotation table differs from what the model renders");
    }

    private static string Folder([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
