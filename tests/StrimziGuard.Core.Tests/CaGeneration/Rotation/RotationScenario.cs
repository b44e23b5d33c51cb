namespace StrimziGuard.Core.Tests.CaGeneration.Rotation;

/// <summary>One of strimzi-facts' "Scenarios worth testing": its starting state and event (<see cref="Setup"/>), and where it crashes.</summary>
internal sealed record RotationScenario(int Number, string Title, Action<RotationWorld> Setup, IReadOnlyList<RunPoint> Points)
{
    public RotationOptions Options { get; init; } = new();

    public RotationWorld Run(OperatorVersion version, bool guard) => RotationRun.Run(this, version, guard);

    public override string ToString() => $"{Number}. {Title}";
}
