namespace StrimziGuard.Fuzz;

/// <summary>Values that break parsers: odd Unicode, numbers at and past the edges, look-alike numbers and durations, markup.</summary>
public static class Oddities
{
    /// <summary>Raw JSON tokens (not strings) a field may be swapped for.</summary>
    public static readonly string[] JsonValues =
    [
        "null", "true", "false", "0", "-0", "1", "-1", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "1e400", "-1e400", "1e-400", "1.7976931348623157e309", "4.9e-325",
        "0.000000000000000000000000000000001", "123456789012345678901234567890", "1.5", "1E2", "[]", "{}", "[null]", "[[]]",
        "{\"\":null}", "\"\"", "\"0\"", "\"-1\"", "\"NaN\"", "\"Infinity\"", "\"1e3\"", "\" 1\"", "\"01\"", "\"99999999999999999999\"",
        "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"\\uFEFF\"", "\"\\u202E\"", "\"\\u200B\"", "\"a\\u0000b\"",
        "\"CREATE\"", "\"UPDATE\"", "\"DELETE\"", "\"CONNECT\"", "\"168h\"", "\"8760h\"", "\"1.5h\"", "\"-1h\"", "\"9999999999h\"",
        "\"\\u00b5s\"", "\"system:serviceaccount:strimzi:strimzi-cluster-operator\"", "\"kube-system\"", "\"strimzi.io\"",
        "\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\"", "\"TUlJ\"", "\"!!!not base64!!!\"", "\"====\"",
        "\"𝄞\"", "\"\\ud834\\udd1e\"", "\"é\"", "\"e\\u0301\"", "\"ǅ\"", "\"İ\"", "\"ß\"", "\"Ⅻ\"",
    ];

    /// <summary>Raw bytes that are not valid UTF-8 (overlong, surrogate halves, truncated sequences, 0xFF).</summary>
    public static readonly byte[][] BadUtf8 =
    [
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xFE, 0xFF],
        [0xEF, 0xBB, 0xBF], [0x00], [0xF0, 0x9F, 0x98],
    ];

    /// <summary>Unicode a text mutation inserts: lone surrogates (as UTF-16 in strings), BOM, bidi, zero-width, NUL, combining marks.</summary>
    public static readonly string[] Text =
    [
        "\ud800", "\udfff", "\ufeff", "\u202e", "\u200b", "\u0000", "\u0301", "\u2028", "\u0085", "\t", "\r\n", "\r", "𝄞", "µ", "μ",
        "\uFFFD", "\uFFFF", "Ⅻ", "٣", "１",
    ];

    public static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
