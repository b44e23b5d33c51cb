using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// The agent-port guard's audit of existing state (issue 6, "Audit mode for existing state"): every NetworkPolicy that opens the Kafka
/// Agent port beyond the operator is logged, one line each, and counted; nothing is changed. It subscribes to snapshots through
/// <see cref="IController.Observe"/>: the whole list is logged when the caller says it is a resync (start of a term, every resync, a full
/// pass); for any other new snapshot only findings that are new or changed, so a busy cluster does not repeat itself.
/// </summary>
internal sealed class AgentPortAuditor : IDisposable
{
    /// <summary>The web host's meter name (<c>GuardMetrics.MeterName</c>), so a listener by name sees the guard's instruments together.</summary>
    public const string MeterName = "StrimziGuard";

    public const string GaugeName = "strimzi_guard_agent_port_violations";

    private readonly Lock gate = new();
    private readonly ILogger logger;
    private readonly Meter? ownMeter;
    private bool observed;
    private HashSet<string> reported = [];
    private int violations;
    private int warnings;

    public AgentPortAuditor(ILogger logger, Meter? meter)
    {
        this.logger = logger;
        var target = Meter = meter ?? (ownMeter = new Meter(MeterName));
        target.CreateObservableGauge(GaugeName, Measure, "{networkpolicy}",
            "Existing NetworkPolicies that open the Kafka Agent port (8443) beyond the cluster operator: severity=violation would be denied "
            + "if created now, severity=warning only lets the operator in from an unpinned namespace.");
    }

    /// <summary>The meter the gauge is on, for the controller's other instruments.</summary>
    public Meter Meter { get; }

    /// <summary>Policies that would be denied if created now, as of the last snapshot audited.</summary>
    public int Violations => Volatile.Read(ref violations);

    /// <summary>Policies whose only finding is an unpinned operator peer (a warning), as of the last snapshot audited.</summary>
    public int Warnings => Volatile.Read(ref warnings);

    /// <summary>Audits <paramref name="snapshot"/>; with <paramref name="resync"/> every finding is logged again. Never throws.</summary>
    public void Observe(ClusterSnapshot snapshot, GuardOptions options, bool resync)
    {
        IReadOnlyList<AgentPortFinding> findings;
        try
        {
            findings = AgentPortAudit.Find(snapshot, options);
        }
        catch (Exception e)
        {
            AgentPortLog.AuditFailed(logger, e);
            return;
        }

        lock (gate)
        {
            var full = resync || !observed;
            observed = true;
            var now = new HashSet<string>(StringComparer.Ordinal);
            foreach (var finding in findings)
            {
                var id = Fingerprint(finding);
                now.Add(id);
                if (full || !reported.Contains(id)) Log(finding);
            }
            reported = now;
            var denied = findings.Count(f => f.IsViolation);
            Volatile.Write(ref violations, denied);
            Volatile.Write(ref warnings, findings.Count - denied);
            if (full) AgentPortLog.Summary(logger, denied, findings.Count - denied);
        }
    }

    public void Dispose() => ownMeter?.Dispose();

    private IEnumerable<Measurement<int>> Measure() =>
    [
        new(Violations, new KeyValuePair<string, object?>("severity", "violation")),
        new(Warnings, new KeyValuePair<string, object?>("severity", "warning")),
    ];

    private void Log(AgentPortFinding finding)
    {
        var reasons = finding.Violations.Concat(finding.Weak);
        AgentPortLog.Finding(logger, finding.Namespace, finding.Name, string.Join(",", finding.Clusters), finding.IsViolation ? "would be denied" : "warns",
            string.Join(" | ", reasons.Select(v => v.Message)));
    }

    private static string Fingerprint(AgentPortFinding f) =>
        string.Join('\n', [$"{f.Namespace}/{f.Name}", .. f.Violations.Select(v => v.Fingerprint), "weak", .. f.Weak.Select(v => v.Fingerprint)]);
}
