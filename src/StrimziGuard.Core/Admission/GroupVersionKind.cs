namespace StrimziGuard.Core.Admission;

public sealed record GroupVersionKind(string Group, string Version, string Kind)
{
    public override string ToString() => string.IsNullOrEmpty(Group) ? $"{Version}/{Kind}" : $"{Group}/{Version}/{Kind}";
}
