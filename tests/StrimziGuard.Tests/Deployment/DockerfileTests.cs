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

    [Fact]
    public void The_image_pins_the_gen0_budget_in_hex_bytes_as_the_runtime_reads_its_environment()
    {
        var settings = ImageEnvironment.Read();
        Assert.Equal("0", settings["DOTNET_gcServer"]);
        var gen0 = settings["DOTNET_GCgen0size"];
        Assert.StartsWith("0x", gen0);
        var bytes = Convert.ToInt64(gen0[2..], 16);
        Assert.True(bytes > 0 && bytes % (1024 * 1024) == 0, $"{gen0} is not a whole number of MiB");
    }

    [Fact]
    public void The_runtime_environment_is_the_DOTNET_settings_of_the_last_ENV_instruction_with_its_continuation_lines()
    {
        var settings = ImageEnvironment.Parse("""
            FROM build
            ENV DOTNET_gcServer=1
            FROM run
            # ENV DOTNET_commented=1
            ENV DOTNET_gcServer=0 \
                DOTNET_GCgen0size="0x400000" \
                TMPDIR=/tmp
            ENTRYPOINT ["/app/strimzi-guard"]
            """);

        Assert.Equal(new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["DOTNET_GCgen0size"] = "0x400000" }, settings);
    }

    [GeneratedRegex(@"^COPY (?!--from)(?:--\S+ )*(?<paths>.+)$", RegexOptions.Multiline)]
    private static partial Regex Copy();
}
