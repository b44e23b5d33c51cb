using System.Runtime.InteropServices;

namespace StrimziGuard.Core.Tests.Structure;

/// <summary>
/// Core is organised by guard (<c>Guards/CertLifetime</c>, <c>Guards/CaGeneration</c>, <c>Guards/AgentPort</c>) with the machinery they
/// share in folders beside them; the root holds the one top that knows every guard (the catalog and the dispatcher). Folders form layers:
/// a guard uses shared folders, never another guard, and a shared folder never uses a guard.
/// </summary>
public sealed class CoreStructureTests
{
    /// <summary>Packages Core may use besides the base library.</summary>
    private static readonly string[] AllowedPackages = ["FluentValidation"];

    /// <summary>Base-library assemblies that would let Core do I/O.</summary>
    private static readonly string[] Impure = ["System.Net.Http", "System.Net.Sockets", "System.Diagnostics.Process", "System.Console"];

    private static readonly CoreReferences Folders = CoreReferences.Of(typeof(PolicyCatalog).Assembly);

    private static bool IsGuard(string folder) => folder.StartsWith("Guards/", StringComparison.Ordinal);

    private static bool IsShared(string folder) => folder != CoreReferences.Root && !IsGuard(folder);

    [Fact]
    public void Core_references_only_the_base_library_and_its_allowed_packages()
    {
        // The base library is the shared framework the tests run on (Microsoft.NETCore.App): ASP.NET Core and Microsoft.Extensions are not in it.
        var baseLibrary = RuntimeEnvironment.GetRuntimeDirectory();
        var references = typeof(PolicyCatalog).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        var outside = references.Where(n => !AllowedPackages.Contains(n) && (Impure.Contains(n) || !File.Exists(Path.Combine(baseLibrary, n + ".dll"))));

        Assert.Empty(outside);
        Assert.Contains("System.Runtime", references);
    }

    [Fact]
    public void Core_folders_use_one_another_without_a_loop()
    {
        var loop = FolderGraph.FindLoop(Folders.Graph);

        Assert.True(loop is null, loop is null ? "" : "loop between Core's folders: "
            + string.Join(", ", loop.Zip(loop.Skip(1)).Select(step => $"{step.First} uses {step.Second} ({Folders.Uses[step.First][step.Second]})")));
    }

    [Fact]
    public void A_guard_never_uses_another_guard()
    {
        var crossings = Uses().Where(u => IsGuard(u.From) && IsGuard(u.Used));

        Assert.Empty(crossings);
    }

    [Fact]
    public void Shared_folders_never_use_a_guard()
    {
        var upward = Uses().Where(u => IsShared(u.From) && IsGuard(u.Used));

        Assert.Empty(upward);
    }

    [Fact]
    public void Nothing_uses_the_root_that_registers_every_guard()
    {
        var intoRoot = Uses().Where(u => u.Used == CoreReferences.Root);

        Assert.Empty(intoRoot);
    }

    [Fact]
    public void The_walk_sees_uses_made_only_inside_method_bodies()
    {
        // The catalog names the policies only in the code that builds it, and every guard is reached that way.
        Assert.Equal(["Guards/AgentPort", "Guards/CaGeneration", "Guards/CertLifetime"], Folders.Graph[CoreReferences.Root].Where(IsGuard).Order(StringComparer.Ordinal));
        Assert.Contains("Network", Folders.Graph["Guards/AgentPort"]);
    }

    [Fact]
    public void Every_guard_has_its_own_folder()
    {
        var guardFolders = typeof(PolicyCatalog).Assembly.GetTypes().Select(t => CoreReferences.FolderOf(t.Namespace)).OfType<string>().Where(IsGuard).Distinct();

        Assert.Equal(["Guards/AgentPort", "Guards/CaGeneration", "Guards/CertLifetime"], guardFolders.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<FolderUse> Uses() =>
        Folders.Uses.SelectMany(u => u.Value.Select(used => new FolderUse(u.Key, used.Key, used.Value)));

    private sealed record FolderUse(string From, string Used, string Example)
    {
        public override string ToString() => $"{From} uses {Used} ({Example})";
    }
}
