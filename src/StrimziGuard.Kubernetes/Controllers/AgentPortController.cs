using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// Applies <see cref="AgentPortPlanner"/>'s plan for each Kafka cluster (architecture §1, guard 3): creates, patches and deletes the
/// cluster's <c>&lt;cluster&gt;-kafka-agent-guard</c> NetworkPolicies, in the plan's order. No decision is made here. Every write is
/// conditional on what the plan was made from (a <c>test</c> of the resourceVersion in a patch, a resourceVersion precondition on a
/// delete, AlreadyExists on a create); when it fails (409, 422) the exception goes to the loop, which retries the key with backoff
/// against a fresher snapshot and so re-plans. Every snapshot is also observed by <see cref="AgentPortAuditor"/>, which audits the
/// existing NetworkPolicies. In Audit mode (<see cref="ControllerContext.Audit"/>) it logs and counts each write it would make; the
/// guard's mode is applied by <see cref="GuardModeGate"/>.
/// </summary>
internal sealed class AgentPortController : IController, IDisposable
{
    private readonly Func<GuardOptions> options;
    private readonly ILogger logger;
    private readonly AgentPortAuditor auditor;
    private readonly AgentPortExpectations expectations;
    private readonly Counter<long> writes;

    /// <param name="options">Read on every pass, so a reloaded configuration applies to the next one.</param>
    /// <param name="meter">Where the violations gauge goes; the web host's meter to have it exported. Null: a meter of its own.</param>
    public AgentPortController(Func<GuardOptions> options, ILogger? logger = null, Meter? meter = null, TimeProvider? time = null)
    {
        this.options = options;
        this.logger = logger ?? NullLogger.Instance;
        auditor = new AgentPortAuditor(this.logger, meter);
        expectations = new AgentPortExpectations(time ?? TimeProvider.System);
        writes = (meter ?? auditor.Meter).CreateCounter<long>("strimzi_guard_agent_port_writes", "{write}",
            "Guard NetworkPolicy writes: result=written went to the API server, result=audited is what Audit mode would have written");
    }

    public string Name => GuardIds.AgentPort;

    /// <summary>Existing NetworkPolicies that would be denied if created now (as of the last keys listed).</summary>
    public int Violations => auditor.Violations;

    /// <summary>Existing NetworkPolicies whose only finding is an unpinned operator peer.</summary>
    public int Warnings => auditor.Warnings;

    public static string Key(string ns, string cluster) => $"{ns}/{cluster}";

    public IEnumerable<string> Keys(ClusterSnapshot snapshot) => AgentPortPlanner.Clusters(snapshot).Select(c => Key(c.Namespace, c.Cluster)).ToArray();

    public void Observe(ClusterSnapshot snapshot, bool resync) => auditor.Observe(snapshot, options(), resync);

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
        var current = options();
        var plan = AgentPortPlanner.Plan(ns, cluster, context.Snapshot, current);
        foreach (var write in plan.Writes)
        {
            var verb = write.Kind.ToString().ToLowerInvariant();
            if (context.Audit)
            {
                AgentPortLog.WouldWrite(logger, ns, cluster, write.Name, verb, write.Reason);
                writes.Add(1, new("namespace", ns), new("cluster", cluster), new("write", verb), new("result", "audited"));
                continue;
            }
            var plannedFrom = context.Snapshot.NetworkPolicies.Get(ns, write.Name)?.Metadata.ResourceVersion;
            if (await ApplyAsync(context.Client, write, ct).ConfigureAwait(false))
            {
                expectations.Wrote(key, ns, write.Name, plannedFrom);
                AgentPortLog.Wrote(logger, ns, cluster, write.Name, verb, write.Reason);
                writes.Add(1, new("namespace", ns), new("cluster", cluster), new("write", verb), new("result", "written"));
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
