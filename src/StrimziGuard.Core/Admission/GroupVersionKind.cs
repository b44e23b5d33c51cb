namespace StrimziGuard.Core.Admission;

public sealed record GroupVersionKind(string Group, string Version, string Kind)
{
    public override string ToString() => Group.Length == 0 ? $"{Version}/{Kind}" : $"{Group}/{Version}/{Kind}";
}
