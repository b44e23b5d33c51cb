using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Leader;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// The controllers as one leader task (architecture §2): each term, once the snapshot has synced, one <see cref="ControllerLoop"/> per
/// controller on the term's token, so they stop the moment leadership is lost. <see cref="LeaderRuntime"/> runs it while this replica leads.
/// </summary>
public sealed class ControllerManager(IKubeApiClient client, SnapshotSource snapshots, IReadOnlyList<IController> controllers, ControllerManagerOptions? options = null, ILogger? logger = null)
    : ILeaderTask
{
    private readonly ControllerManagerOptions options = options ?? new ControllerManagerOptions();
    private readonly ILogger logger = logger ?? NullLogger.Instance;

    public string Name => "controllers";

    public IReadOnlyList<IController> Controllers => controllers;

    public async Task RunAsync(CancellationToken term)
    {
        try
        {
            await snapshots.WaitForSyncAsync(term).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (term.IsCancellationRequested)
        {
            return;
        }
        ControllerLog.Started(logger, controllers.Count);
        await Task.WhenAll(controllers.Select(c => new ControllerLoop(c, client, snapshots, options, logger).RunAsync(term))).ConfigureAwait(false);
        ControllerLog.Stopped(logger);
    }
}
