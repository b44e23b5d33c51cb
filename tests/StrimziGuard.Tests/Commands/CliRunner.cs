using System.Text;
using StrimziGuard.Commands;

namespace StrimziGuard.Tests.Commands;

/// <summary>Runs the CLI in-process with its own streams, as a user's shell would see it.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result RunWithStdin(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(() => new MemoryStream(Encoding.UTF8.GetBytes(stdin)), output, error);
        var code = Cli.RunAsync(args, console).GetAwaiter().GetResult();
        return new Result(code, output.ToString(), error.ToString());
    }

    public static Result Run(params string[] args) => RunWithStdin("", args);
}
