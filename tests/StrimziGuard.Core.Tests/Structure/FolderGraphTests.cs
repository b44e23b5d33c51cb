namespace StrimziGuard.Core.Tests.Structure;

public sealed class FolderGraphTests
{
    private static Dictionary<string, IReadOnlySet<string>> Graph(params (string Folder, string[] Uses)[] folders) =>
        folders.ToDictionary(f => f.Folder, f => (IReadOnlySet<string>)f.Uses.ToHashSet());

    [Fact]
    public void Two_folders_using_each_other_are_a_loop()
    {
        var loop = FolderGraph.FindLoop(Graph(("A", ["B"]), ("B", ["A"])));

        Assert.Equal(["A", "B", "A"], loop);
    }

    [Fact]
    public void A_loop_through_three_folders_is_reported_along_its_path()
    {
        var loop = FolderGraph.FindLoop(Graph(("A", ["B"]), ("B", ["C"]), ("C", ["A"]), ("D", ["A"])));

        Assert.Equal(["A", "B", "C", "A"], loop);
    }

    [Fact]
    public void A_loop_behind_layered_folders_is_found()
    {
        var graph = Graph(("Top", ["Left", "Right"]), ("Left", ["Base"]), ("Right", ["Base"]), ("Base", ["Deep"]), ("Deep", ["Right"]));

        var loop = FolderGraph.FindLoop(graph);

        Assert.NotNull(loop);
        Assert.Equal(loop[0], loop[^1]);
        Assert.Equal(["Base", "Deep", "Right"], loop.Skip(1).Order(StringComparer.Ordinal));
        Assert.All(loop.Zip(loop.Skip(1)), step => Assert.Contains(step.Second, graph[step.First]));
    }

    [Fact]
    public void Folders_in_layers_have_no_loop()
    {
        var loop = FolderGraph.FindLoop(Graph(("Top", ["Left", "Right", "Base"]), ("Left", ["Base"]), ("Right", ["Base"]), ("Base", [])));

        Assert.Null(loop);
    }

    [Fact]
    public void A_folder_using_its_own_types_is_no_loop()
    {
        var loop = FolderGraph.FindLoop(Graph(("A", ["A", "B"]), ("B", ["B"])));

        Assert.Null(loop);
    }

    [Fact]
    public void A_used_folder_that_uses_nothing_needs_no_entry_of_its_own()
    {
        var loop = FolderGraph.FindLoop(Graph(("A", ["B"])));

        Assert.Null(loop);
    }
}
