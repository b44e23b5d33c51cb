using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace StrimziGuard.Commands;

/// <summary>
/// The command line, on System.CommandLine: picks the command, and turns every failure into one line on stderr and exit code 2,
/// never a stack trace. Parse errors are ours to word (the library's default is a list, the whole help and exit 1).
/// </summary>
internal static class Cli
{
    public const string Summary = """
        strimzi-guard: admission webhook and policy enforcer for Strimzi Kafka.
        Exit codes: 0 ok, 1 a policy denied something, 2 bad input or usage.
        """;

    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand(Summary)
        {
            ReviewCommand.Create(console),
            CheckCommand.Create(console),
            ServeCommand.Create(console),
            DemoCommand.Create(console),
            CertsCommand.Create(console),
            ReconcileCommand.Create(console),
            CompletionCommand.Create(console),
        };
        foreach (var version in root.Options.OfType<VersionOption>()) version.Action = new VersionAction(console);
        // The overview lists each command by the first line of its description; `COMMAND --help` shows the rest.
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: SynchronousCommandLineAction library } help) help.Action = new OverviewAction(library);
        // No command: the overview, and exit 2, since nothing was done.
        root.SetAction(parse =>
        {
            Help(parse, console.Out);
            return ExitCodes.BadInput;
        });
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken stop = default)
    {
        var root = Build(console);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            console.Error.WriteLine($"strimzi-guard: {CliErrors.Describe(parse)}");
            return ExitCodes.BadInput;
        }
        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            // serve handles SIGTERM itself (the drain); the library must not cancel under it.
            ProcessTerminationTimeout = null,
        };
        var command = parse.CommandResult.Command.Name;
        try
        {
            return await parse.InvokeAsync(invocation, stop);
        }
        catch (UsageException e)
        {
            console.Error.WriteLine($"strimzi-guard: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, but still one line: what failed, in the words of the failure, never a type name or a stack trace.
            console.Error.WriteLine($"strimzi-guard: {command} failed: {CliErrors.FirstLine(e.Message)}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>The library's help for the command parsed, written to <paramref name="output"/>.</summary>
    public static void Help(ParseResult parse, TextWriter output) =>
        parse.RootCommandResult.Command.Parse([.. CommandPath(parse.CommandResult), "--help"]).Invoke(new InvocationConfiguration { Output = output });

    /// <summary>The names from the root's first subcommand down to the one parsed, e.g. <c>["check"]</c>.</summary>
    public static IEnumerable<string> CommandPath(CommandResult result)
    {
        var names = new Stack<string>();
        for (SymbolResult? r = result; r is CommandResult c && c.Parent is not null; r = r.Parent) names.Push(c.Command.Name);
        return names;
    }

    /// <summary>The library's help for a command; for the root, a short overview of the commands.</summary>
    private sealed class OverviewAction(SynchronousCommandLineAction library) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            if (parseResult.CommandResult.Command is not RootCommand root) return library.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(root.Description);
            output.WriteLine();
            output.WriteLine("Usage: strimzi-guard COMMAND [options]");
            output.WriteLine();
            output.WriteLine("Commands:");
            var width = root.Subcommands.Max(c => c.Name.Length) + 2;
            foreach (var command in root.Subcommands) output.WriteLine($"  {command.Name.PadRight(width)}{command.Description?.Split('\n')[0]}");
            output.WriteLine();
            output.WriteLine("Options:");
            output.WriteLine($"  {"-h, --help".PadRight(width + 4)}this overview; 'strimzi-guard COMMAND --help' for a command's options");
            output.WriteLine($"  {"--version".PadRight(width + 4)}the version and the commit it was built from");
            return ExitCodes.Ok;
        }
    }

    private sealed class VersionAction(CliConsole console) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            console.Out.WriteLine(BuildInfo.Line);
            return ExitCodes.Ok;
        }
    }
}
