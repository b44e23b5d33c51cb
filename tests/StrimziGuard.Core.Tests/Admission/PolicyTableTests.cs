using StrimziGuard.Core.Admission;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Admission;

public sealed class PolicyTableTests
{
    [Theory]
    [InlineData(Guards.CertLifetime)]
    [InlineData(Guards.CaGeneration)]
    [InlineData(Guards.AgentPort)]
    public void The_README_policy_table_of_each_guard_is_the_one_the_metadata_renders(string guard)
    {
        var rendered = PolicyTable.Render(guard);
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf(PolicyTable.Start(guard), StringComparison.Ordinal);
        var end = readme.IndexOf(PolicyTable.End(guard), StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md lacks the markers {PolicyTable.Start(guard)} and {PolicyTable.End(guard)}");
        var current = readme[start..(end + PolicyTable.End(guard).Length)];
        var received = Path.Combine(Folder(), $"policy-table.{guard}.received.md");
        if (current == rendered)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, rendered + "\n");
        Assert.Fail($"README.md's {guard} policy table differs from what the policies' metadata renders; paste {received} into README.md between the markers (replacing them)");
    }

    [Fact]
    public void Every_policy_says_what_it_judges_and_its_rule()
    {
        Assert.All(PolicyCatalog.Default.Policies, p =>
            Assert.True(p.Metadata.Judges.Trim().Length > 0 && p.Metadata.Rule.Trim().Length > 0 && !(p.Metadata.Judges + p.Metadata.Rule).Contains('|'), p.Metadata.Id));
    }

    private static string Folder([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
