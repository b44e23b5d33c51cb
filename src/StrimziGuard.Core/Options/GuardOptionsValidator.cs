using System.Text.RegularExpressions;
using FluentValidation;

namespace StrimziGuard.Core.Options;

/// <summary>Rules a configuration must meet before the guard starts with it.</summary>
internal sealed partial class GuardOptionsValidator : AbstractValidator<GuardOptions>
{
    public GuardOptionsValidator()
    {
        RuleFor(o => o.CertLifetime.MaxLifetime)
            .GreaterThanOrEqualTo(TimeSpan.FromHours(1))
            .OverridePropertyName("certLifetime.maxLifetime")
            .WithMessage("must be at least 1h (cert-manager's minimum duration)");
        RuleFor(o => o.Operator.Namespace)
            .Must(IsDnsLabel).OverridePropertyName("operator.namespace")
            .WithMessage(o => $"'{o.Operator.Namespace}' is not a namespace name (lower-case letters, digits and '-')");
        RuleFor(o => o.Operator.ServiceAccount)
            .Must(IsDnsSubdomain).OverridePropertyName("operator.serviceAccount")
            .WithMessage(o => $"'{o.Operator.ServiceAccount}' is not a service account name");
        RuleFor(o => o.Operator.PodLabels)
            .NotEmpty().OverridePropertyName("operator.podLabels")
            .WithMessage("needs at least one label, or any pod could pass as the operator");
        RuleForEach(o => o.ExcludedNamespaces)
            .Must(IsDnsLabel).OverridePropertyName("excludedNamespaces")
            .WithMessage((_, ns) => $"'{ns}' is not a namespace name");
    }

    private static bool IsDnsLabel(string? s) => s is { Length: > 0 and <= 63 } && DnsLabel().IsMatch(s);

    private static bool IsDnsSubdomain(string? s) => s is { Length: > 0 and <= 253 } && DnsSubdomain().IsMatch(s);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
