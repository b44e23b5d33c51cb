using System.Globalization;

namespace StrimziGuard.Core.Certificates;

/// <summary>Lifetimes in people's words: <c>7 days</c>, <c>7 days 0h0m1s</c>, <c>36h0m0s</c>.</summary>
internal static class Lifetime
{
    public static string Describe(TimeSpan span)
    {
        var days = (long)span.TotalDays;
        var rest = span - TimeSpan.FromDays(days);
        if (days == 0) return GoDuration.Format(span);
        var unit = days == 1 ? "day" : "days";
        return rest == TimeSpan.Zero ? $"{days} {unit}" : $"{days} {unit} {GoDuration.Format(rest)}";
    }

    /// <summary>The limit as an adjective: <c>7-day</c>, or <c>36h0m0s</c> when it is not a whole number of days.</summary>
    public static string Limit(TimeSpan limit) =>
        limit.Ticks % TimeSpan.TicksPerDay == 0
            ? ((long)limit.TotalDays).ToString(CultureInfo.InvariantCulture) + "-day"
            : GoDuration.Format(limit);
}
