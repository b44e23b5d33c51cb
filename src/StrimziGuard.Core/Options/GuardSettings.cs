using StrimziGuard.Core.Admission;

namespace StrimziGuard.Core.Options;

public record GuardSettings
{
    public GuardMode Mode { get; init; } = GuardMode.Enforce;
}
