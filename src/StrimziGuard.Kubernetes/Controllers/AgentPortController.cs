using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Core;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Reconcile;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// Applies <see cref="AgentPortPlanner"/>'s plan for each Kafka cluster (architecture §1, guard 3): creates, patches and deletes the
/// cluster's <c>&lt;cluster&gt;-kafka-agent-guard</c> NetworkPolicies, in the plan's order. No decision is made here. Every write is
/// conditional on what the plan was made from (a <c>test</c> of the resourceVersion in a patch, a resourceVersion precondition on a
/// delete, AlreadyExists on a create); when it fails (409, 422) the exception goes to the loop, which retries the key with backoff
/// against a fresher snapshot and so re-plans. Listing the keys also audits the existing NetworkPolicies (<see cref="AgentPortAuditor"/>).
/// </summary>
public sealed class AgentPortController : IController, IDisposable
{
    private readonly Func<GuardOptions> options;
    private readonly ILogger logger;
    private readonly AgentPortAuditor auditor;
    private readonly AgentPortExpectations expectations;

    /// <param name="options">Read on every pass, so a reloaded configuration applies to the next one.</param>
    /// <param name="meter">Where the violations gauge goes; the web host's meter to have it exported. Null: a meter of its own.</param>
    public AgentPortController(Func<GuardOptions> options, ILogger? logger = null, Meter? meter = null, TimeProvider? time = null)
    {
        this.options = options;
        this.logger = logger ?? NullLogger.Instance;
        auditor = new AgentPortAuditor(this.logger, meter);
        expectations = new AgentPortExpectations(time ?? TimeProvider.System);
    }

    public string Name => Guards.AgentPort;

    /// <summary>Existing NetworkPolicies that would be denied if created now (as of the last keys listed).</summary>
    public int Violations => auditor.Violations;

    /// <summary>Existing NetworkPolicies whose only finding is an unpinned operator peer.</summary>
    public int Warnings => auditor.Warnings;

    public static string Key(string ns, string cluster) => $"{ns}/{cluster}";

    public IEnumerable<string> Keys(ClusterSnapshot snapshot)
    {
        auditor.Observe(snapshot, options());
        return AgentPortPlanner.Clusters(snapshot).Select(c => Key(c.Namespace, c.Cluster)).ToArray();
    }

    public async Task ReconcileAsync(string key, ControllerContext context, CancellationToken ct)
    {
        // Namespaces and Kafka names are DNS labels: the first slash is the separator.
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) throw new ArgumentException($"'{key}' is not a namespace/cluster key", nameof(key));
        var (ns, cluster) = (key[..slash], key[(slash + 1)..]);

        if (expectations.Waiting(key, context.Snapshot))
        {
            AgentPortLog.WaitingForCache(logger, ns, cluster);
            return;
        }
        var plan = AgentPortPlanner.Plan(ns, cluster, context.Snapshot, options());
        foreach (var write in plan.Writes)
        {
            var plannedFrom = context.Snapshot.NetworkPolicies.Get(ns, write.Name)?.Metadata.ResourceVersion;
            if (await ApplyAsync(context.Client, write, ct).ConfigureAwait(false))
            {
                expectations.Wrote(key, ns, write.Name, plannedFrom);
                AgentPortLog.Wrote(logger, ns, cluster, write.Name, write.Kind.ToString().ToLowerInvariant(), write.Reason);
            }
            else
            {
                AgentPortLog.AlreadyDeleted(logger, ns, cluster, write.Name);
            }
        }
    }

    public void Dispose() => auditor.Dispose();

    /// <summary>False when a delete found the policy already gone, which is the state wanted.</summary>
    private static async Task<bool> ApplyAsync(IKubeApiClient client, AgentPortWrite write, CancellationToken ct)
    {
        var resource = KubeResources.NetworkPolicies;
        switch (write.Kind)
        {
            case AgentPortWriteKind.Create:
                // AlreadyExists is not caught: the cache is behind, and the retry plans a patch from a snapshot that has the object.
                await client.CreateAsync(resource, write.Policy, ct).ConfigureAwait(false);
                return true;
            case AgentPortWriteKind.Patch:
                // The plan's patch starts with a test of the resourceVersion it was made from: a changed object answers 422.
                await client.PatchAsync<V1NetworkPolicy>(resource, write.Namespace, write.Name, KubePatch.Json(write.Patch), ct).ConfigureAwait(false);
                return true;
            case AgentPortWriteKind.Delete:
                try
                {
                    // resourceVersions are unique across objects, so this precondition also pins the uid: a policy recreated since it was
                    // read, or changed, answers 409 and is re-planned rather than deleted blind.
                    var precondition = new DeleteOptions { PreconditionResourceVersion = write.Policy.Metadata.ResourceVersion };
                    await client.DeleteAsync(resource, write.Namespace, write.Name, precondition, ct).ConfigureAwait(false);
                    return true;
                }
                catch (KubeNotFoundException)
                {
                    return false;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write.Kind, "unknown kind of write");
        }
    }
}
