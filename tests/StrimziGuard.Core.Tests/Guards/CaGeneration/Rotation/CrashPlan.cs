namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// Random crash points for one seeded run of a key replacement: one to three operator crashes and up to two guard crashes, each at a
/// step the operator reaches in an undisturbed run (or a later occurrence of it), and sometimes the stale-cache races. On 0.47+ also the
/// split write of the two CA Secrets: key first or cert first, sometimes a failed cert write, crashes between the two writes, and a
/// broker lagging a cert generation behind that is evicted and recreated from an older entry at a random step.
/// </summary>
internal sealed record CrashPlan(int Seed, IReadOnlyList<RunPoint> Points, RotationOptions Options, bool LaggingBroker)
{
    /// <summary>The steps only some orders reach: between the two writes, and the failed cert write.</summary>
    private static readonly string[] SplitWriteSteps = ["ca:key-secret-written", "ca:cert-secret-written", "ca:cert-write-failed"];

    public static CrashPlan For(int seed, IReadOnlyList<string> steps, OperatorVersion version = OperatorVersion.V045)
    {
        var random = new Random(seed);
        var splitWrite = version >= OperatorVersion.V047;
        var candidates = steps.Where(s => s != "done").Concat(splitWrite ? SplitWriteSteps : []).Distinct().ToArray();
        RunPoint Pick(RunPointKind kind) => new(candidates[random.Next(candidates.Length)], 1 + random.Next(2), kind);
        var points = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(RunPointKind.OperatorCrash))
            .Concat(Enumerable.Range(0, random.Next(3)).Select(_ => Pick(RunPointKind.GuardCrash)))
            .ToList();
        var options = new RotationOptions { StaleCache = random.Next(2) == 0, GuardStaleCache = random.Next(4) == 0 };
        var lagging = false;
        if (splitWrite)
        {
            options = options with
            {
                SecretWrites = random.Next(2) == 0 ? SecretWriteOrder.KeyFirst : SecretWriteOrder.CertFirst,
                CertWriteFails = random.Next(3) == 0,
            };
            // Half the runs recreate a lagging broker; half of those do it between the two writes, where a false stamp would happen.
            lagging = random.Next(2) == 0;
            if (lagging)
            {
                var at = random.Next(2) == 0 ? SplitWriteSteps[random.Next(2)] : candidates[random.Next(candidates.Length)];
                points.Add(RunPoint.At(at, RotationScenarios.RecreateLaggingBroker, 1 + random.Next(2)));
            }
        }
        return new CrashPlan(seed, points, options, lagging);
    }

    public RotationScenario Scenario =>
        (LaggingBroker ? RotationScenarios.Number(18) : RotationScenarios.KeyReplacement) with { Points = Points, Options = Options };

    public override string ToString() =>
        $"seed {Seed}: {string.Join(", ", Points)}{(Options.StaleCache ? ", stale PodSet cache" : "")}{(Options.GuardStaleCache ? ", stale guard cache" : "")}" +
        $"{(Options.SecretWrites == SecretWriteOrder.CertFirst ? ", cert Secret first" : "")}{(Options.CertWriteFails ? ", cert write fails" : "")}{(LaggingBroker ? ", lagging P2" : "")}";
}
