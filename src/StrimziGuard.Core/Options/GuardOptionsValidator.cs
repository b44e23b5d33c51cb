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
        RuleForEach(o => o.WatchNamespaces)
            .Must(ns => ns == GuardOptions.AllNamespaces || IsDnsLabel(ns)).OverridePropertyName("watchNamespaces")
            .WithMessage((_, ns) => $"'{ns}' is not a namespace name (or \"*\" for all namespaces)");
        RuleFor(o => o.WatchNamespaces)
            .Must(list => !list.Contains(GuardOptions.AllNamespaces) || list.Count == 1).OverridePropertyName("watchNamespaces")
            .WithMessage("\"*\" means every namespace; give it alone, or list the namespaces");
        RuleForEach(o => o.WatchNamespaces)
            .Must((o, ns) => !o.ExcludedNamespaces.Contains(ns)).OverridePropertyName("watchNamespaces")
            .WithMessage((_, ns) => $"'{ns}' is also in excludedNamespaces; a namespace is either watched or excluded");
    }

    private static bool IsDnsLabel(string? s) => s is { Length: > 0 and <= 63 } && DnsLabel().IsMatch(s);

    private static bool IsDnsSubdomain(string? s) => s is { Length: > 0 and <= 253 } && DnsSubdomain().IsMatch(s);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
