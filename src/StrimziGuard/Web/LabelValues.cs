namespace StrimziGuard.Web;

/// <summary>
/// The label values of one series, as a dictionary key that needs no allocation. Our instruments carry at most four labels,
/// always in the same order, so the values alone identify a series; more than four is a programming error caught at first use.
/// </summary>
internal readonly record struct LabelValues(int Count, string? A, string? B, string? C, string? D)
{
    public const int Max = 4;

    public string this[int i] => (i switch { 0 => A, 1 => B, 2 => C, 3 => D, _ => null }) ?? "";

    public static LabelValues From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length > Max) throw new InvalidOperationException($"a metric carries {tags.Length} labels; at most {Max} are supported");
        return new LabelValues(
            tags.Length,
            tags.Length > 0 ? Text(tags[0].Value) : null,
            tags.Length > 1 ? Text(tags[1].Value) : null,
            tags.Length > 2 ? Text(tags[2].Value) : null,
            tags.Length > 3 ? Text(tags[3].Value) : null);
    }

    public static string[] Names(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var names = new string[tags.Length];
        for (var i = 0; i < names.Length; i++) names[i] = tags[i].Key;
        return names;
    }

    public override string ToString() => string.Join("\u0001", A, B, C, D);

    private static string Text(object? value) => value as string ?? value?.ToString() ?? "";
}
