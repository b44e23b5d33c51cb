
namespace StrimziGuard.Core.Options;

public record GuardSettings
{
    public GuardMode Mode { get; init; } = GuardMode.Enforce;
}
