using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Patching;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core;

/// <summary>
/// Runs the policies that match a request and turns their verdicts into one decision: applies each guard's mode, ratchets
/// unchanged violations on UPDATE, never denies the Strimzi cluster operator, and turns a policy bug into a clear error.
/// The webhook server and the CLI both call this, so they cannot disagree.
/// </summary>
public sealed class AdmissionDispatcher(PolicyCatalog catalog)
{
    public PolicyCatalog Catalog { get; } = catalog;

    /// <summary>
    /// With <paramref name="webhook"/>, what that one endpoint answers. Without it, what the API server experiences of the whole guard:
    /// every matching mutation in order, then every validation on the mutated object, merged.
    /// </summary>
    public Decision Review(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options, WebhookPath? webhook = null)
    {
        // Excluded or not watched: not the guard's business (the webhook configurations should not even send it).
        if (!options.Watches(request.Namespace)) return new Decision();

        if (webhook is not null)
        {
            var policies = Catalog.For(webhook);
            return webhook.Kind == WebhookKind.Mutating
                ? Mutate(policies, request, snapshot, options)
                : Validate(policies, request, snapshot, options);
        }

        var mutation = Mutate([.. Catalog.Policies.Where(p => p.Metadata.Kind == WebhookKind.Mutating)], request, snapshot, options);
        var mutated = mutation.Patch.Count == 0 ? request : request.WithObject(JsonPatch.Apply(request.Object, mutation.Patch));
        var validation = Validate([.. Catalog.Policies.Where(p => p.Metadata.Kind == WebhookKind.Validating)], mutated, snapshot, options);
        return validation with
        {
            Patch = validation.Allowed ? mutation.Patch : [],
            Warnings = [.. mutation.Warnings, .. validation.Warnings],
            AuditAnnotations = Merge(mutation.AuditAnnotations, validation.AuditAnnotations),
            Findings = [.. mutation.Findings, .. validation.Findings],
            Triggers = [.. mutation.Triggers, .. validation.Triggers],
        };
    }

    private static Decision Mutate(IReadOnlyList<IAdmissionPolicy> policies, AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        var report = new DecisionReport();
        var ops = new List<JsonPatchOperation>();
        var current = request;
        var matching = Matching(policies, request, options);
        for (var i = 0; i < matching.Count; i++)
        {
            var policy = matching[i];
            var (verdict, error) = Run(policy, current, snapshot, options);
            if (error is not null)
            {
                // A broken mutation must never block the write: allow it unchanged and say so.
                report.Add(policy, FindingOutcome.Errored, error);
                report.Warn(policy.Metadata.Guard, $"internal error in {policy.Metadata.Id}; the object was admitted unchanged");
                continue;
            }
            if (!verdict!.Applies) continue;
            if (verdict.Patch.Count == 0)
            {
                report.Add(policy, FindingOutcome.Allowed, verdict.Summary);
            }
            else if (options.ModeOf(policy.Metadata.Guard) == GuardMode.Audit)
            {
                report.Add(policy, FindingOutcome.Audited, "would patch: " + verdict.Summary);
            }
            else
            {
                ops.AddRange(verdict.Patch);
                // The next mutation must see this one's result; after the last one, copying the object would be wasted work.
                if (i < matching.Count - 1) current = current.WithObject(JsonPatch.Apply(current.Object, verdict.Patch));
                report.Add(policy, FindingOutcome.Patched, verdict.Summary);
                for (var n = 0; n < verdict.Notes.Count; n++) report.Warn(policy.Metadata.Guard, verdict.Notes[n]);
            }
        }
        return report.ToDecision(ops);
    }

    private static Decision Validate(IReadOnlyList<IAdmissionPolicy> policies, AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        var report = new DecisionReport();
        var byOperator = options.Operator.IsStrimzi(request.UserInfo, snapshot);
        var matching = Matching(policies, request, options);
        for (var m = 0; m < matching.Count; m++)
        {
            var policy = matching[m];
            var (verdict, error) = Run(policy, request, snapshot, options);
            if (error is not null)
            {
                if (byOperator) report.Warn(policy.Metadata.Guard, $"internal error in {policy.Metadata.Id}; allowed because the writer is the cluster operator");
                else report.Error(policy.Metadata.Guard, $"internal error in {policy.Metadata.Id} (request {request.Uid}); the guard logged it; retry, or set the {policy.Metadata.Guard} guard to Warn");
                report.Add(policy, FindingOutcome.Errored, error);
                continue;
            }
            if (!verdict!.Applies) continue;
            // Indexed loops here and below: a foreach over the interfaces boxed an enumerator per list for every review.
            for (var n = 0; n < verdict.Notes.Count; n++) report.Warn(policy.Metadata.Guard, verdict.Notes[n]);
            if (!request.IsDryRun) report.Trigger(verdict.Triggers);
            if (verdict.Violations.Count == 0)
            {
                report.Add(policy, FindingOutcome.Allowed, verdict.Summary);
                continue;
            }

            var existing = policy.Metadata.Ratchets ? ExistingViolations(policy, request, snapshot, options) : [];
            var mode = options.ModeOf(policy.Metadata.Guard);
            var worst = FindingOutcome.Audited;
            for (var v = 0; v < verdict.Violations.Count; v++)
            {
                var violation = verdict.Violations[v];
                var outcome = mode switch
                {
                    GuardMode.Audit => FindingOutcome.Audited,
                    GuardMode.Warn => FindingOutcome.Warned,
                    _ when byOperator => FindingOutcome.WarnedOperator,
                    _ when existing.Count > 0 && existing.Contains(violation.Fingerprint) => FindingOutcome.WarnedExisting,
                    _ => FindingOutcome.Denied,
                };
                if (outcome == FindingOutcome.Denied) report.Deny(violation);
                else if (outcome != FindingOutcome.Audited) report.Warn(violation.Warning);
                worst = Worse(worst, outcome);
            }
            report.Add(policy, worst, verdict.Violations);
        }
        return report.ToDecision([]);
    }

    /// <summary>The policies that are on and whose rules match; plain loops, as this runs for every review.</summary>
    private static IReadOnlyList<IAdmissionPolicy> Matching(IReadOnlyList<IAdmissionPolicy> policies, AdmissionRequest request, GuardOptions options)
    {
        List<IAdmissionPolicy>? matching = null;
        for (var i = 0; i < policies.Count; i++)
        {
            var policy = policies[i];
            if (options.ModeOf(policy.Metadata.Guard) == GuardMode.Off) continue;
            var rules = policy.Metadata.Rules;
            for (var r = 0; r < rules.Count; r++)
            {
                if (!rules[r].Matches(request)) continue;
                (matching ??= new List<IAdmissionPolicy>(policies.Count)).Add(policy);
                break;
            }
        }
        return matching ?? (IReadOnlyList<IAdmissionPolicy>)[];
    }

    /// <summary>The violations the old object already had, judged as if it were created now.</summary>
    private static HashSet<string> ExistingViolations(IAdmissionPolicy policy, AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        if (request.Operation != "UPDATE" || request.OldObject is null) return [];
        var (verdict, error) = Run(policy, request.AsCreateOf(request.OldObject), snapshot, options);
        return error is null && verdict!.Applies ? verdict.Violations.Select(v => v.Fingerprint).ToHashSet() : [];
    }

    private static (PolicyVerdict? Verdict, string? Error) Run(IAdmissionPolicy policy, AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        try
        {
            return (policy.Decide(request, snapshot, options), null);
        }
        catch (JsonException e)
        {
            // The object does not fit the schema the policy reads (a string where a number belongs): that is the writer's error, not ours.
            var path = e.Path is { Length: > 2 } p ? FieldPath.Of(p.TrimStart('$', '.')) : FieldPath.Root;
            var violation = new Violation(policy.Metadata.Guard, path, JsonErrorText.ProblemIn(e, request.Subject), "correct the value to match the resource's schema");
            return (PolicyVerdict.Fail([violation], "unreadable object"), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, $"{e.GetType().Name}: {FirstSentence(e.Message)}");
        }
    }

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0].Trim();
        var cut = line.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? line[..cut] : line;
    }

    private static FindingOutcome Worse(FindingOutcome a, FindingOutcome b) => Rank(b) > Rank(a) ? b : a;

    private static int Rank(FindingOutcome o) => o switch
    {
        FindingOutcome.Denied => 5,
        FindingOutcome.WarnedOperator => 4,
        FindingOutcome.WarnedExisting => 3,
        FindingOutcome.Warned => 2,
        _ => 1,
    };

    private static AuditAnnotationSet Merge(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        var merged = new AuditAnnotationSet(a.Count + b.Count);
        foreach (var (k, v) in a) merged.Set(k, v);
        foreach (var (k, v) in b) merged.Set(k, v);
        return merged;
    }
}
