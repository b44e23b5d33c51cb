namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>Something that happens when the operator reaches the <see cref="Occurrence"/>-th time a step <see cref="Label"/> in a run.</summary>
internal sealed record RunPoint(string Label, int Occurrence, RunPointKind Kind, Action<ModelCluster>? Event = null)
{
    public static RunPoint OperatorCrash(string label, int occurrence = 1) => new(label, occurrence, RunPointKind.OperatorCrash);

    public static RunPoint GuardCrash(string label, int occurrence = 1) => new(label, occurrence, RunPointKind.GuardCrash);

    public static RunPoint At(string label, Action<ModelCluster> action, int occurrence = 1) => new(label, occurrence, RunPointKind.Event, action);

    public override string ToString() => $"{Kind} at {Label}#{Occurrence}";
}
