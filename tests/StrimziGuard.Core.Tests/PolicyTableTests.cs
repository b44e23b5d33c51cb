using StrimziGuard.Core.Options;


namespace StrimziGuard.Core.Tests;

public sealed class PolicyTableTests
{
    [Theory]
    [InlineData(GuardIds.CertLifetime)]
    [InlineData(GuardIds.CaGeneration)]
    [InlineData(GuardIds.AgentPort)]
    public void The_README_policy_table_of_each_guard_is_the_one_the_metadata_renders(string guard)
    {
        ReadmeSection.AssertIs(PolicyTable.Render(guard), PolicyTable.Start(guard), PolicyTable.End(guard),
            Path.Combine(Folder(), $"policy-table.{guard}.received.md"), $"{guard} policy table differs from what the policies' metadata renders");
    }

    [Fact]
    public void Every_policy_says_what_it_judges_and_its_rule()
    {
        Assert.All(PolicyCatalog.Default.Policies, p =>
            Assert.True(p.Metadata.Judges.Trim().Length > 0 && p.Metadata.Rule.Trim().Length > 0 && !(p.Metadata.Judges + p.Metadata.Rule).Contains('|'), p.Metadata.Id));
    }

    private static string Folder([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
