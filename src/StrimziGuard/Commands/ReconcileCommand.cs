using System.CommandLine;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Config;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>reconcile --once [--dry-run] [--kubeconfig FILE] [--context NAME] [--config FILE]</c>: one full pass of every controller against a
/// real API server, printing each write made; with <c>--dry-run</c>, each write planned, none made.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create(CliConsole console)
    {
        var once = new Option<bool>("--once") { Description = "one pass, then exit (required: the continuous controllers run inside 'serve')" };
        var dryRun = new Option<bool>("--dry-run") { Description = "plan every write and print it (object, operation, body or patch); write nothing" };
        var kubeconfig = CliOptions.Kubeconfig("cluster credentials (default: $KUBECONFIG, in-cluster, then ~/.kube/config)");
        var context = CliOptions.Context();
        var config = CliOptions.Config();
        var command = new Command("reconcile", """
            One pass of every controller against a cluster, printing the writes (--dry-run: writing nothing).
            The controllers: StrimziPodSet stamps and agent-port NetworkPolicies.
            With --dry-run the writes are planned against the live cluster and printed, and nothing is written: run it before
            enabling the controllers. Guards in mode Audit log what they would write and write nothing.
            Exit: 0 every key reconciled, 1 some key failed (each failure printed to stderr), 2 bad usage or credentials.
            """)
        {
            once, dryRun, kubeconfig, context, config,
        };
        command.SetAction((parse, ct) => RunAsync(console, parse.GetValue(once), parse.GetValue(dryRun), parse.GetValue(kubeconfig), parse.GetValue(context), parse.GetValue(config), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, bool once, bool dryRun, string? kubeconfig, string? context, string? config, CancellationToken ct)
    {
        if (!once) throw new UsageException("reconcile: only --once is supported; the continuous controllers run inside 'serve'");
        var options = OfflineInputs.Options(config);

        KubeApiClient client;
        try
        {
            client = KubeClientFactory.Create(kubeconfig, context);
        }
        catch (KubeConfigException e)
        {
            throw new UsageException($"reconcile: {e.Message}");
        }
        using (client)
        {
            var plan = dryRun ? new DryRunKubeApiClient(client) : null;
            var report = await ControllerRunner.RunOnceAsync(plan ?? (IKubeApiClient)client, GuardControllers.Create(() => options), ct,
                new ClusterCacheOptions { Namespaces = options.WatchNamespaces });
            if (plan is not null) foreach (var write in plan.Planned) console.Out.WriteLine($"would {write}");
            else foreach (var write in report.Writes) console.Out.WriteLine(write);
            foreach (var failure in report.Failures) console.Error.WriteLine($"strimzi-guard: reconcile: {failure}");
            var writes = CheckTable.Plural(report.Writes.Count, "write");
            console.Out.WriteLine($"{CheckTable.Plural(report.Keys, "key")}, {(plan is null ? writes : $"{writes} planned, none made (dry run)")}, {report.Failures.Count} failed");
            return report.Succeeded ? ExitCodes.Ok : ExitCodes.Denied;
        }
    }
}
