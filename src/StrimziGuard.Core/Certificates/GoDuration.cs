using System.Globalization;
using System.Text;

namespace StrimziGuard.Core.Certificates;

/// <summary>
/// Go's <c>time.ParseDuration</c> syntax, which cert-manager uses for <c>spec.duration</c> (<c>2160h0m0s</c>, <c>1.5h</c>, <c>90m</c>).
/// Units: ns, us, µs, ms, s, m, h. Go has no day unit; <see cref="TryParse"/> accepts <c>d</c> only when asked (our own config).
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, decimal Nanoseconds)[] Units =
    [
        ("ns", 1m), ("us", 1_000m), ("µs", 1_000m), ("μs", 1_000m), ("ms", 1_000_000m),
        ("s", 1_000_000_000m), ("m", 60_000_000_000m), ("h", 3_600_000_000_000m), ("d", 86_400_000_000_000m),
    ];

    /// <summary>Go's limit: durations are int64 nanoseconds (about 292 years).</summary>
    private const decimal MaxNanoseconds = long.MaxValue;

    public static bool TryParse(string? text, out TimeSpan duration, out string error, bool allowDays = false)
    {
        duration = TimeSpan.Zero;
        error = "";
        if (string.IsNullOrEmpty(text)) { error = "is empty"; return false; }
        var s = text.AsSpan();
        var negative = false;
        if (s[0] is '-' or '+') { negative = s[0] == '-'; s = s[1..]; }
        if (s.SequenceEqual("0")) return true;
        if (s.IsEmpty) { error = "has no number"; return false; }

        decimal total = 0;
        while (!s.IsEmpty)
        {
            var n = 0;
            while (n < s.Length && (char.IsAsciiDigit(s[n]) || s[n] == '.')) n++;
            if (n == 0 || s[..n].Count('.') > 1 || s[..n].SequenceEqual(".")) { error = "needs a number before each unit"; return false; }
            if (!decimal.TryParse(s[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) { error = "has a number out of range"; return false; }
            s = s[n..];
            var u = 0;
            while (u < s.Length && !char.IsAsciiDigit(s[u]) && s[u] != '.') u++;
            if (u == 0) { error = "is missing a unit (use h, m or s, e.g. 168h)"; return false; }
            var unit = s[..u].ToString();
            var factor = Units.FirstOrDefault(x => x.Unit == unit && (allowDays || x.Unit != "d")).Nanoseconds;
            if (factor == 0) { error = $"has an unknown unit '{unit}' (use h, m or s{(allowDays ? " or d" : "")})"; return false; }
            s = s[u..];
            if (value > MaxNanoseconds / factor) { error = "is too long"; return false; }
            total += value * factor;
            if (total > MaxNanoseconds) { error = "is too long"; return false; }
        }
        var ticks = (long)(total / 100m);
        duration = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>Formats as Go does (<c>168h0m0s</c>, <c>1h30m0s</c>, <c>1.5s</c>), so messages show values the way cert-manager stores them.</summary>
    public static string Format(TimeSpan d)
    {
        if (d == TimeSpan.Zero) return "0s";
        var sb = new StringBuilder();
        if (d < TimeSpan.Zero) { sb.Append('-'); d = d.Negate(); }
        // Fixed-point formats: the default "R" format prints 1E-06 for small values, which no duration parser accepts (found by fuzzing).
        if (d < TimeSpan.FromSeconds(1)) return sb.Append(d.TotalMilliseconds.ToString("0.####", CultureInfo.InvariantCulture)).Append("ms").ToString();
        var hours = (long)d.TotalHours;
        var seconds = d.TotalSeconds - (hours * 3600) - (d.Minutes * 60);
        if (hours > 0) sb.Append(hours).Append('h');
        if (hours > 0 || d.Minutes > 0) sb.Append(d.Minutes).Append('m');
        sb.Append(Math.Round(seconds, 7).ToString("0.#######", CultureInfo.InvariantCulture)).Append('s');
        return sb.ToString();
    }
}
