using System.Text;

namespace StrimziGuard.Fuzz;

/// <summary>
/// Mutates YAML text: truncation, character flips, YAML features a manifest reader must survive (anchors and aliases, merge keys,
/// tags, complex keys, directives, document markers, flow collections), deep nesting, huge scalars, duplicate keys, odd numbers
/// and Unicode.
/// </summary>
public sealed class YamlMutator(IReadOnlyList<string> seeds)
{
    private static readonly string[] Tokens =
    [
        "&a ", "*a", "<<: *a\n", "!!binary ", "!!python/object:os.system ", "!custom ", "? [a, b]\n: c\n", "%YAML 1.1\n---\n", "\n---\n",
        "\n...\n", "{", "}", "[", "]", ": ", "- ", "|\n", ">-\n", "\t", "'", "\"", "#", "@", "`", "0x1F", "0o17", ".inf", "-.inf", ".nan",
        "1e999", "-1e999", "9223372036854775808", "1_000", "yes", "on", "~", "null", "0777", "+12", "1:20", "2026-01-05",
        "a: [*b]\n", "x: &b [*b]\n", "key: value\nkey: other\n", "\n  - ", "\ud800", "\ufeff", "\u2028", "\u0085",
    ];

    public string Mutate(Random rng)
    {
        var text = seeds[rng.Next(seeds.Count)];
        for (int n = 1 + rng.Next(3), i = 0; i < n; i++) text = MutateOnce(text, rng);
        return text;
    }

    private string MutateOnce(string text, Random rng)
    {
        var at = rng.Next(text.Length + 1);
        switch (rng.Next(9))
        {
            case 0: return text[..at];
            case 1 when text.Length > 0:
                var chars = text.ToCharArray();
                for (int n = 1 + rng.Next(6), i = 0; i < n; i++) chars[rng.Next(chars.Length)] = (char)rng.Next(0x20, 0x7f);
                return new string(chars);
            case 2:
                var depth = rng.Next(2) == 0 ? rng.Next(50, 80) : rng.Next(500, 20_000);
                var open = rng.Next(2) == 0 ? "[" : "{a: ";
                return text[..at] + new StringBuilder().Insert(0, open, depth).Append('1').Append(open == "[" ? ']' : '}', depth) + text[at..];
            case 3: return text[..at] + new string('x', rng.Next(2) == 0 ? 100_000 : 2_000_000) + text[at..];
            case 4:
                // Billion laughs: aliases of aliases; the reader must refuse aliases rather than expand them.
                return "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c]\n" + text;
            case 5:
                var lines = text.Split('\n');
                var line = lines[rng.Next(lines.Length)];
                return text[..at] + "\n" + line + "\n" + text[at..];
            case 6: return text[..at] + Oddities.Pick(rng, Oddities.Text) + text[at..];
            case 7: return seeds[rng.Next(seeds.Count)] + "\n---\n" + text[at..];
            default: return text[..at] + Oddities.Pick(rng, Tokens) + text[at..];
        }
    }
}
