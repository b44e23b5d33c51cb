using FluentValidation.Results;

namespace StrimziGuard.Core.Options;

/// <summary>The one adapter from FluentValidation's results to our one-line <c>field: problem</c> errors.</summary>
internal static class FluentErrors
{
    public static IReadOnlyList<string> From(ValidationResult result) =>
        result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}").Distinct().ToArray();
}
