namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>One of strimzi-facts' "Scenarios worth testing": its starting state and event (<see cref="Setup"/>), and where it crashes.</summary>
internal sealed record RotationScenario(int Number, string Title, Action<ModelCluster> Setup, IReadOnlyList<RunPoint> Points)
{
    public RotationOptions Options { get; init; } = new();

    /// <summary>The operator versions the scenario can happen on; a 0.47+ Secret-write race has no counterpart before 0.47.</summary>
    public IReadOnlyList<OperatorVersion> Versions { get; init; } = Enum.GetValues<OperatorVersion>();

    public ModelCluster Run(OperatorVersion version, bool guard) => RotationRun.Run(this, version, guard);

    public override string ToString() => $"{Number}. {Title}";
}
