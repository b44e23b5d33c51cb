using System.Text;
using StrimziGuard.Core.Certificates;

namespace StrimziGuard.Fuzz.Targets;

/// <summary>
/// Go durations (cert-manager's <c>spec.duration</c>, our <c>maxLifetime</c>): grammar-made strings with huge and fractional numbers,
/// every unit, signs and odd Unicode. Pass: <see cref="GoDuration.TryParse"/> never throws, and whatever it accepts
/// <see cref="GoDuration.Format"/> prints in a form it accepts again, to within a microsecond per day of the value.
/// </summary>
public sealed class DurationTarget : FuzzTarget
{
    private static readonly string[] Units = ["ns", "us", "µs", "μs", "ms", "s", "m", "h", "d", "", "H", "hh", "sec", "y", "\u0301"];

    private static readonly string[] Numbers = ["0", "1", "1.5", ".5", "5.", "00", "168", "2160", "8760", "2562047", "2562048", "9223372036", "1e3", "1..2", "-1", "18446744073709551616", "0.000000001"];

    public override string Name => "duration";

    public override object Generate(Random rng)
    {
        var text = new StringBuilder();
        if (rng.Next(6) == 0) text.Append(Oddities.Pick(rng, ["-", "+", "--", " "]));
        for (int n = rng.Next(5), i = 0; i < n; i++)
        {
            text.Append(rng.Next(4) == 0 ? new string('9', rng.Next(1, 60)) : Oddities.Pick(rng, Numbers));
            text.Append(Oddities.Pick(rng, Units));
        }
        if (rng.Next(5) == 0) text.Insert(rng.Next(text.Length + 1), Oddities.Pick(rng, Oddities.Text));
        return text.ToString();
    }

    public override string Execute(object input)
    {
        var text = (string)input;
        GoDuration.TryParse(text, out _, out _, allowDays: false);
        if (!GoDuration.TryParse(text, out var duration, out var error, allowDays: true)) return "rejected " + Outcomes.Label(error);
        var printed = GoDuration.Format(duration);
        if (!GoDuration.TryParse(printed, out var again, out var againError))
            throw new FuzzFailure($"Format({duration.Ticks} ticks) printed '{printed}', which does not parse: {againError}");
        var tolerance = TimeSpan.FromTicks(10 + (long)Math.Abs(duration.TotalDays) * 10);
        if ((again - duration).Duration() > tolerance)
            throw new FuzzFailure($"Format({duration.Ticks} ticks) printed '{printed}', which parses as {again.Ticks} ticks");
        return "accepted " + (duration < TimeSpan.Zero ? "negative" : duration == TimeSpan.Zero ? "zero" : "positive");
    }
}
