namespace StrimziGuard.Core.Admission;

public sealed record GroupVersionResource(string Group, string Version, string Resource)
{
    public override string ToString() => string.IsNullOrEmpty(Group) ? $"{Version}/{Resource}" : $"{Group}/{Version}/{Resource}";
}
