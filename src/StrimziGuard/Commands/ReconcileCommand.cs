using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Config;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>reconcile --once [--kubeconfig FILE] [--context NAME] [--config FILE]</c>: one full pass of every controller against a real API
/// server, printing each write made. For a first look at what the guard would do, run it with <c>mode: Audit</c> in the config.
/// </summary>
internal static class ReconcileCommand
{
    public const string Help = """
        Usage: strimzi-guard reconcile --once [--kubeconfig FILE] [--context NAME] [--config FILE]

        Lists the cluster once and runs every controller (StrimziPodSet stamps, agent-port NetworkPolicies) over every key,
        then prints the writes it made, one per line. Guards in mode Audit log what they would write and write nothing.
          --kubeconfig FILE  cluster credentials (default: $KUBECONFIG, in-cluster, then ~/.kube/config)
          --context NAME     a kubeconfig context other than the current one
          --config FILE      guard configuration (YAML)
        Exit: 0 every key reconciled, 1 some key failed (each failure printed to stderr), 2 bad usage or credentials.
        """;

    private static readonly HashSet<string> Valued = ["kubeconfig", "context", "config"];

    private static readonly HashSet<string> Flags = ["once"];

    public static async Task<int> RunAsync(IEnumerable<string> argv, CliConsole console)
    {
        var args = CommandLineArgs.Parse("reconcile", argv, Valued, Flags);
        if (!args.Flag("once")) throw new UsageException("reconcile: only --once is supported; the continuous controllers run inside 'serve'");
        if (args.Positionals.Count > 0) throw new UsageException($"reconcile: unexpected argument '{args.Positionals[0]}'");
        var options = OfflineInputs.Options(args);

        KubeApiClient client;
        try
        {
            client = KubeClientFactory.Create(args.Value("kubeconfig"), args.Value("context"));
        }
        catch (KubeConfigException e)
        {
            throw new UsageException($"reconcile: {e.Message}");
        }
        using (client)
        {
            var report = await ControllerRunner.RunOnceAsync(
                client, GuardControllers.Create(() => options), CancellationToken.None, new ClusterCacheOptions { Namespaces = options.WatchNamespaces });
            foreach (var write in report.Writes) console.Out.WriteLine(write);
            foreach (var failure in report.Failures) console.Error.WriteLine($"strimzi-guard: reconcile: {failure}");
            console.Out.WriteLine($"{report.Keys} keys, {report.Writes.Count} writes, {report.Failures.Count} failed");
            return report.Succeeded ? ExitCodes.Ok : ExitCodes.Denied;
        }
    }
}
