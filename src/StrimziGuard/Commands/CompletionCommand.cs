using System.CommandLine;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>completion bash|zsh</c>: a shell script that completes commands, options and option values by asking the binary itself
/// through System.CommandLine's <c>[suggest:POSITION]</c> directive, so completion never falls behind the command line and needs
/// no extra tool (dotnet-suggest).
/// </summary>
internal static class CompletionCommand
{
    public const string Bash = """
        # strimzi-guard completion for bash: source <(strimzi-guard completion bash)
        _strimzi_guard_complete() {
          local IFS=$'\n'
          local suggestions
          suggestions=$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) || return 0
          COMPREPLY=($(compgen -W "${suggestions}" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _strimzi_guard_complete strimzi-guard
        """;

    public const string Zsh = """
        #compdef strimzi-guard
        # strimzi-guard completion for zsh: source <(strimzi-guard completion zsh)
        _strimzi_guard() {
          local line="${(j: :)words}"
          local point="${#${(j: :)words[1,CURRENT]}}"
          local -a suggestions
          suggestions=("${(@f)$("${words[1]}" "[suggest:${point}]" "${line}" 2>/dev/null)}")
          compadd -a suggestions
        }
        compdef _strimzi_guard strimzi-guard
        """;

    public static Command Create(CliConsole console)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh" };
        shell.CompletionSources.Add("bash", "zsh");
        var command = new Command("completion", """
            Print a shell completion script (bash or zsh).
            bash: add source <(strimzi-guard completion bash) to ~/.bashrc; zsh: source <(strimzi-guard completion zsh) in ~/.zshrc
            after compinit.
            """)
        {
            shell,
        };
        command.SetAction(parse =>
        {
            var script = parse.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                var other => throw new UsageException($"completion: no script for '{other}'; give bash or zsh"),
            };
            console.Out.WriteLine(script);
            return ExitCodes.Ok;
        });
        return command;
    }
}
