namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>An annotation's generation: absent, a number, or text the operator's parser rejects.</summary>
internal readonly record struct Generation(bool Present, int Value, string? Raw)
{
    public static Generation Absent => default;

    public static Generation Of(int value) => new(true, value, null);

    public static Generation Invalid(string raw) => new(true, 0, raw);

    public bool IsNumber => Present && Raw is null;

    public override string ToString() => !Present ? "absent" : Raw is null ? Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"\"{Raw}\"";
}
