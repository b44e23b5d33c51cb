namespace StrimziGuard.Commands;

/// <summary>The command line: picks the command, and turns every failure into one line on stderr and an exit code, never a stack trace.</summary>
internal static class Cli
{
    public const string Help = """
        strimzi-guard: admission webhook and policy enforcer for Strimzi Kafka

        Commands:
          review [FILE|-]   answer one AdmissionReview as the webhook would
          check PATH...     judge every object in manifests offline (for CI)
          serve             run the admission webhook (HTTPS), with health and metrics
          demo              run the webhook locally and send it every example AdmissionReview
          certs             make the webhook's CA and serving certificate offline and print the caBundle
          reconcile --once  one pass of every controller against a cluster, printing the writes

        Run 'strimzi-guard COMMAND --help' for a command's options.
        Exit codes: 0 ok, 1 a policy denied something, 2 bad input or usage.
        """;

    private static readonly Dictionary<string, (string Help, Func<string[], CliConsole, Task<int>> Run)> Commands = new(StringComparer.Ordinal)
    {
        ["review"] = (ReviewCommand.Help, (a, c) => Task.FromResult(ReviewCommand.Run(a, c))),
        ["check"] = (CheckCommand.Help, (a, c) => Task.FromResult(CheckCommand.Run(a, c))),
        ["serve"] = (ServeCommand.Help, (a, c) => ServeCommand.RunAsync(a, c)),
        ["demo"] = (DemoCommand.Help, (a, c) => DemoCommand.RunAsync(a, c)),
        ["certs"] = (CertsCommand.Help, (a, c) => Task.FromResult(CertsCommand.Run(a, c))),
        ["reconcile"] = (ReconcileCommand.Help, (a, c) => ReconcileCommand.RunAsync(a, c)),
    };

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            console.Out.WriteLine(Help);
            return args.Length == 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        }
        if (!Commands.TryGetValue(args[0], out var command))
        {
            console.Error.WriteLine($"strimzi-guard: unknown command '{args[0]}'; commands: {string.Join(", ", Commands.Keys)}");
            return ExitCodes.BadInput;
        }
        var rest = args[1..];
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            console.Out.WriteLine(command.Help);
            return ExitCodes.Ok;
        }
        try
        {
            return await command.Run(rest, console);
        }
        catch (UsageException e)
        {
            console.Error.WriteLine($"strimzi-guard: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, but still one line: the user gets what failed, not a stack trace.
            console.Error.WriteLine($"strimzi-guard: {args[0]} failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            return ExitCodes.BadInput;
        }
    }
}
