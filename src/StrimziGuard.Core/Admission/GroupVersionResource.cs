namespace StrimziGuard.Core.Admission;

public sealed record GroupVersionResource(string Group, string Version, string Resource)
{
    public override string ToString() => Group.Length == 0 ? $"{Version}/{Resource}" : $"{Group}/{Version}/{Resource}";
}
