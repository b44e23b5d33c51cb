using System.Text.RegularExpressions;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Deployment;

/// <summary>
/// The image recipe, read as text (no Docker here): it copies only what exists, publishes as CI's publish check does, and runs as the
/// non-root user of the Deployment on a chiseled base.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(RepositoryRoot.Combine("src", "StrimziGuard", "Dockerfile"));

    [Fact]
    public void Every_path_it_copies_from_the_context_exists_in_the_repository()
    {
        var sources = Copy().Matches(Dockerfile).SelectMany(m => m.Groups["paths"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1)).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.True(File.Exists(RepositoryRoot.Combine(s)) || Directory.Exists(RepositoryRoot.Combine(s)), s));
    }

    [Fact]
    public void It_publishes_self_contained_as_the_CI_publish_check_does()
    {
        Assert.Contains("dotnet publish src/StrimziGuard -c Release -r", Dockerfile);
        Assert.Contains("--self-contained", Dockerfile);
        Assert.Contains("dotnet publish src/StrimziGuard -c Release -r linux-x64 --self-contained", File.ReadAllText(RepositoryRoot.Combine(".ci", "run")));
    }

    [Fact]
    public void The_image_runs_as_the_Deployments_non_root_user_on_a_chiseled_base()
    {
        var final = Dockerfile[Dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        Assert.Matches(@"^\nFROM mcr\.microsoft\.com/dotnet/runtime-deps:\S+-chiseled\s", final);
        var uid = (long)Manifests.PodSpec["securityContext"]!["runAsUser"]!;
        Assert.Matches($@"\nUSER {uid}:{uid}\n", final);
        Assert.Contains("ENTRYPOINT [\"/app/strimzi-guard\"]", final);
    }

    [GeneratedRegex(@"^COPY (?!--from)(?:--\S+ )*(?<paths>.+)$", RegexOptions.Multiline)]
    private static partial Regex Copy();
}
