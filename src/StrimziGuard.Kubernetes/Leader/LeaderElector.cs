using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Kubernetes.Client;
using V1Lease = k8s.Models.V1Lease;
using V1LeaseSpec = k8s.Models.V1LeaseSpec;

namespace StrimziGuard.Kubernetes.Leader;

/// <summary>
/// Leader election on a <c>coordination.k8s.io/v1</c> Lease, following client-go's leaderelection: a lease held by someone else is
/// expired only when it has not changed for its duration by our own clock (no trust in other clocks); writes are PUTs guarded by
/// resourceVersion. The leader steps down at once when it sees another holder, and when it cannot renew within RenewDeadline.
/// <see cref="LeadershipToken"/> is cancelled at the moment leadership ends, so controllers stop writing immediately.
/// </summary>
public sealed class LeaderElector
{
    private readonly IKubeApiClient client;
    private readonly LeaderElectionOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private TaskCompletionSource<CancellationToken> leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? term;
    private string? observedVersion;
    private DateTimeOffset observedAt;
    private volatile bool isLeader;

    public LeaderElector(IKubeApiClient client, LeaderElectionOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        options.Validate();
        this.client = client;
        this.options = options;
        this.time = time ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
    }

    public event Action? StartedLeading;

    public event Action? StoppedLeading;

    public string Identity => options.Identity;

    public bool IsLeader => isLeader;

    /// <summary>The current term's token; already cancelled when not leader.</summary>
    public CancellationToken LeadershipToken => isLeader && Volatile.Read(ref term) is { } t ? t.Token : new CancellationToken(canceled: true);

    /// <summary>Completes with the term's token when this replica becomes leader.</summary>
    public Task<CancellationToken> WhenLeaderAsync(CancellationToken ct) => Volatile.Read(ref leading).Task.WaitAsync(ct);

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                while (await TryAcquireOrRenewAsync(ct).ConfigureAwait(false) != LeaseOutcome.Held)
                    await Task.Delay(options.RetryPeriod * (1 + 0.2 * Random.Shared.NextDouble()), time, ct).ConfigureAwait(false);
                BecomeLeader();
                await RenewUntilLostAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: handled below.
        }
        finally
        {
            if (isLeader)
            {
                StepDown("shutting down");
                if (options.ReleaseOnCancel) await ReleaseAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task RenewUntilLostAsync(CancellationToken ct)
    {
        var lastRenew = time.GetUtcNow();
        while (true)
        {
            await Task.Delay(options.RetryPeriod, time, ct).ConfigureAwait(false);
            switch (await TryAcquireOrRenewAsync(ct).ConfigureAwait(false))
            {
                case LeaseOutcome.Held:
                    lastRenew = time.GetUtcNow();
                    break;
                case LeaseOutcome.HeldByOther:
                    StepDown("the Lease is held by another identity");
                    return;
                case LeaseOutcome.Failed when time.GetUtcNow() - lastRenew > options.RenewDeadline:
                    StepDown($"no successful renewal within the renew deadline ({options.RenewDeadline.TotalSeconds:0.#} s)");
                    return;
            }
        }
    }

    /// <summary>One attempt to take or keep the Lease.</summary>
    internal async Task<LeaseOutcome> TryAcquireOrRenewAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        V1Lease? lease;
        try
        {
            lease = await client.TryGetAsync<V1Lease>(KubeResources.Leases, options.LeaseNamespace, options.LeaseName, ct).ConfigureAwait(false);
            if (lease is null) return await CreateAsync(now, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LeaderLog.UpdateFailed(logger, Identity, options.LeaseNamespace, options.LeaseName, e.Message);
            return LeaseOutcome.Failed;
        }

        var spec = lease.Spec ?? new V1LeaseSpec();
        if (lease.Metadata?.ResourceVersion != observedVersion)
        {
            observedVersion = lease.Metadata?.ResourceVersion;
            observedAt = now;
        }
        var holder = spec.HolderIdentity;
        var mine = holder == Identity;
        var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)options.LeaseDuration.TotalSeconds);
        if (!string.IsNullOrEmpty(holder) && !mine && observedAt + duration > now) return LeaseOutcome.HeldByOther;

        lease.Spec = new V1LeaseSpec
        {
            HolderIdentity = Identity,
            LeaseDurationSeconds = DurationSeconds,
            AcquireTime = mine ? spec.AcquireTime ?? now.UtcDateTime : now.UtcDateTime,
            RenewTime = now.UtcDateTime,
            LeaseTransitions = (spec.LeaseTransitions ?? 0) + (mine ? 0 : 1),
            PreferredHolder = spec.PreferredHolder,
            Strategy = spec.Strategy,
        };
        return await WriteAsync(() => client.ReplaceAsync(KubeResources.Leases, lease, ct), now, ct).ConfigureAwait(false);
    }

    private Task<LeaseOutcome> CreateAsync(DateTimeOffset now, CancellationToken ct)
    {
        var lease = new V1Lease
        {
            Metadata = new() { Name = options.LeaseName, NamespaceProperty = options.LeaseNamespace },
            Spec = new V1LeaseSpec { HolderIdentity = Identity, LeaseDurationSeconds = DurationSeconds, AcquireTime = now.UtcDateTime, RenewTime = now.UtcDateTime, LeaseTransitions = 0 },
        };
        return WriteAsync(() => client.CreateAsync(KubeResources.Leases, lease, ct), now, ct);
    }

    private async Task<LeaseOutcome> WriteAsync(Func<Task<V1Lease>> write, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var written = await write().ConfigureAwait(false);
            observedVersion = written.Metadata?.ResourceVersion;
            observedAt = now;
            return LeaseOutcome.Held;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // 409 (someone else wrote first) included: re-read on the next attempt.
            LeaderLog.UpdateFailed(logger, Identity, options.LeaseNamespace, options.LeaseName, e.Message);
            return LeaseOutcome.Failed;
        }
    }

    private int DurationSeconds => Math.Max(1, (int)Math.Ceiling(options.LeaseDuration.TotalSeconds));

    private void BecomeLeader()
    {
        Volatile.Write(ref term, new CancellationTokenSource());
        isLeader = true;
        Volatile.Read(ref leading).TrySetResult(term!.Token);
        LeaderLog.Acquired(logger, Identity, options.LeaseNamespace, options.LeaseName);
        Raise(StartedLeading, nameof(StartedLeading));
    }

    /// <summary>
    /// Ends the term exactly once: writers stop first (the term token is cancelled and its callbacks have run), then the event is raised.
    /// A callback that throws must not keep the event from being raised, nor end the election loop: the term is over either way.
    /// </summary>
    private void StepDown(string reason)
    {
        if (!isLeader) return;
        isLeader = false;
        // A new waiter before the cancel, so a controller woken by it waits for the next term instead of seeing this one's token.
        Volatile.Write(ref leading, new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            Volatile.Read(ref term)?.Cancel();
        }
        catch (AggregateException e)
        {
            LeaderLog.CallbackFailed(logger, Identity, "leadership token", e.InnerException?.Message ?? e.Message);
        }
        LeaderLog.Lost(logger, Identity, options.LeaseNamespace, options.LeaseName, reason);
        Raise(StoppedLeading, nameof(StoppedLeading));
    }

    private void Raise(Action? handlers, string name)
    {
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action>())
        {
            try
            {
                handler();
            }
            catch (Exception e)
            {
                LeaderLog.CallbackFailed(logger, Identity, name, e.Message);
            }
        }
    }

    /// <summary>Clears the holder (as client-go's ReleaseOnCancel does) so a standby replica need not wait out the lease.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(options.RenewDeadline);
        try
        {
            var lease = await client.TryGetAsync<V1Lease>(KubeResources.Leases, options.LeaseNamespace, options.LeaseName, timeout.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != Identity) return;
            var now = time.GetUtcNow();
            lease.Spec = new V1LeaseSpec
            {
                LeaseDurationSeconds = 1, AcquireTime = now.UtcDateTime, RenewTime = now.UtcDateTime, LeaseTransitions = lease.Spec.LeaseTransitions,
                PreferredHolder = lease.Spec.PreferredHolder, Strategy = lease.Spec.Strategy,
            };
            await client.ReplaceAsync(KubeResources.Leases, lease, timeout.Token).ConfigureAwait(false);
            LeaderLog.Released(logger, Identity, options.LeaseNamespace, options.LeaseName);
        }
        catch (Exception e)
        {
            // Best effort: without the release the lease simply expires.
            LeaderLog.UpdateFailed(logger, Identity, options.LeaseNamespace, options.LeaseName, e.Message);
        }
    }
}
