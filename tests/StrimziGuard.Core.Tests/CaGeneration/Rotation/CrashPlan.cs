namespace StrimziGuard.Core.Tests.CaGeneration.Rotation;

/// <summary>
/// Random crash points for one seeded run of a key replacement: one to three operator crashes and up to two guard crashes, each at a
/// step the operator reaches in an undisturbed run (or a later occurrence of it), and sometimes the stale-cache races.
/// </summary>
internal sealed record CrashPlan(int Seed, IReadOnlyList<RunPoint> Points, RotationOptions Options)
{
    public static CrashPlan For(int seed, IReadOnlyList<string> steps)
    {
        var random = new Random(seed);
        var candidates = steps.Where(s => s != "done").Distinct().ToArray();
        RunPoint Pick(RunPointKind kind) => new(candidates[random.Next(candidates.Length)], 1 + random.Next(2), kind);
        var points = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(RunPointKind.OperatorCrash))
            .Concat(Enumerable.Range(0, random.Next(3)).Select(_ => Pick(RunPointKind.GuardCrash)))
            .ToArray();
        var options = new RotationOptions { StaleCache = random.Next(2) == 0, GuardStaleCache = random.Next(4) == 0 };
        return new CrashPlan(seed, points, options);
    }

    public RotationScenario Scenario => RotationScenarios.KeyReplacement with { Points = Points, Options = Options };

    public override string ToString() =>
        $"seed {Seed}: {string.Join(", ", Points)}{(Options.StaleCache ? ", stale PodSet cache" : "")}{(Options.GuardStaleCache ? ", stale guard cache" : "")}";
}
