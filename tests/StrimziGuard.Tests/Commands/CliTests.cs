using System.Diagnostics;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Commands;

/// <summary>The command line itself: help on every level, typos, the version, shell completion, and parse errors as one line and exit 2.</summary>
public sealed class CliTests
{
    [Fact]
    public void Version_prints_the_semantic_version_and_the_commit()
    {
        var r = CliRunner.Run("--version");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^strimzi-guard \d+\.\d+\.\d+(-[0-9A-Za-z.-]+)? \(commit ([0-9a-f]{7,40}|unknown)\)\n$", r.Out.ReplaceLineEndings("\n"));
        Assert.Contains(StrimziGuard.BuildInfo.Version, r.Out);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("check --help")]
    [InlineData("review --help")]
    [InlineData("serve --help")]
    [InlineData("demo --help")]
    [InlineData("certs --help")]
    [InlineData("reconcile -h")]
    [InlineData("completion --help")]
    public void Help_is_there_on_every_level_and_exits_0(string args)
    {
        var r = CliRunner.Run(args.Split(' '));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(args.StartsWith('-') ? "Usage: strimzi-guard COMMAND" : "Usage:", r.Out);
        Assert.Empty(r.Error);
    }

    [Fact]
    public void Without_a_command_the_overview_lists_every_command_and_exits_2()
    {
        var r = CliRunner.Run();
        Assert.Equal(2, r.ExitCode);
        foreach (var command in new[] { "review", "check", "serve", "demo", "certs", "reconcile", "completion" }) Assert.Contains($"  {command} ", r.Out);
    }

    [Theory]
    [InlineData("chek manifests", "strimzi-guard: unknown command 'chek' (did you mean 'check'?); see 'strimzi-guard --help'")]
    [InlineData("check manifests --outptu json", "strimzi-guard: check: unknown option '--outptu' (did you mean '--output'?); see 'strimzi-guard check --help'")]
    [InlineData("reconcile --once --dryrun", "strimzi-guard: reconcile: unknown option '--dryrun' (did you mean '--dry-run'?); see 'strimzi-guard reconcile --help'")]
    [InlineData("serve --dev extra", "strimzi-guard: serve: unexpected argument 'extra'; see 'strimzi-guard serve --help'")]
    [InlineData("check manifests --config", "strimzi-guard: check: --config needs a value; see 'strimzi-guard check --help'")]
    [InlineData("check manifests --config a --config b", "strimzi-guard: check: --config given more than once; see 'strimzi-guard check --help'")]
    public void A_parse_error_is_one_line_with_the_nearest_name_and_exit_2(string args, string expected)
    {
        var r = CliRunner.Run(args.Split(' '));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(expected, r.Error.TrimEnd());
        Assert.Empty(r.Out);
    }

    [Fact]
    public void O_is_the_short_form_of_output()
    {
        var r = CliRunner.Run("check", RepositoryRoot.Combine("manifests", "examples", "kafka"), "-o", "json");
        Assert.StartsWith("[", r.Out.TrimStart());
    }

    [Theory]
    [InlineData("strimzi-guard che", "check")]
    [InlineData("strimzi-guard check -o ", "json")]
    [InlineData("strimzi-guard reconcile --dr", "--dry-run")]
    [InlineData("strimzi-guard completion ", "zsh")]
    public void The_suggest_directive_completes_commands_options_and_values(string line, string expected)
    {
        var r = CliRunner.Run($"[suggest:{line.Length}]", line);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(expected, r.Out.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _strimzi_guard_complete strimzi-guard")]
    [InlineData("zsh", "compdef _strimzi_guard strimzi-guard")]
    public void Completion_prints_a_script_for_the_shell(string shell, string expected)
    {
        var r = CliRunner.Run("completion", shell);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(expected, r.Out);
        Assert.Contains("[suggest:", r.Out);
    }

    [Fact]
    public void The_bash_script_completes_a_command_through_the_binary()
    {
        var bash = new[] { "/bin/bash", "/usr/bin/bash" }.FirstOrDefault(File.Exists);
        if (bash is null || OperatingSystem.IsWindows()) return;
        // A stand-in `strimzi-guard` on PATH that runs this build, as an installed binary would be run.
        var bin = Directory.CreateTempSubdirectory("completion-").FullName;
        var dll = Path.Combine(AppContext.BaseDirectory, "strimzi-guard.dll");
        File.WriteAllText(Path.Combine(bin, "strimzi-guard"), $"#!/bin/sh\nexec dotnet \"{dll}\" \"$@\"\n");
        File.SetUnixFileMode(Path.Combine(bin, "strimzi-guard"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var script = CliRunner.Run("completion", "bash").Out;
        File.WriteAllText(Path.Combine(bin, "completion.bash"), script);
        var start = new ProcessStartInfo(bash, ["-c", """
            source "$BIN/completion.bash"
            COMP_LINE="strimzi-guard reco"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(strimzi-guard reco); COMP_CWORD=1
            _strimzi_guard_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["BIN"] = bin;
        start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        Assert.Equal("reconcile", output.Trim());
    }
}
