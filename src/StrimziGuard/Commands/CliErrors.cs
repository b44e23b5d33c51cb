using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace StrimziGuard.Commands;

/// <summary>
/// Parse errors as one line in a user's words: what was not understood, the nearest valid name when one is close (a typo), and
/// where the help is.
/// </summary>
internal static partial class CliErrors
{
    public static string Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var path = string.Join(' ', Cli.CommandPath(parse.CommandResult));
        var prefix = path.Length == 0 ? "" : path + ": ";
        var help = $"; see 'strimzi-guard {(path.Length == 0 ? "" : path + " ")}--help'";
        if (parse.UnmatchedTokens.FirstOrDefault() is { } token) return prefix + Unmatched(command, token) + help;
        var error = parse.Errors.FirstOrDefault(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal)) ?? parse.Errors[0];
        return prefix + OneLine(error.Message) + help;
    }

    /// <summary>
    /// A command taking paths would otherwise read a mistyped option (<c>--outptu</c>) as a path; a value that looks like an option is
    /// refused, with the nearest real option. (A path that starts with '-' can be given as ./-name.)
    /// </summary>
    public static void RefuseOptionLikeValues(Argument argument)
    {
        argument.Validators.Add(result =>
        {
            var command = (result.Parent as CommandResult)?.Command;
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value.StartsWith('-') && command is not null)
                {
                    result.AddError(Unmatched(command, token.Value));
                    return;
                }
            }
        });
    }

    public static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static string Unmatched(Command command, string token)
    {
        if (token.StartsWith('-'))
        {
            var name = token.Split('=')[0];
            return $"unknown option '{name}'" + Suggest(name, command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)));
        }
        if (command.Subcommands.Count > 0)
            return $"unknown command '{token}'" + Suggest(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name), alwaysList: true);
        return $"unexpected argument '{token}'";
    }

    private static string Suggest(string typed, IEnumerable<string> names, bool alwaysList = false)
    {
        var candidates = names.Where(n => n.StartsWith("--", StringComparison.Ordinal) || !n.StartsWith('-') || typed.Length <= 2).Distinct().ToList();
        var best = candidates
            .Select(n => (Name: n, Distance: Distance(typed.TrimStart('-'), n.TrimStart('-'))))
            .Where(c => c.Distance <= Math.Max(1, c.Name.TrimStart('-').Length / 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Name is not null) return $" (did you mean '{best.Name}'?)";
        return alwaysList ? $" (commands: {string.Join(", ", candidates)})" : "";
    }

    /// <summary>Levenshtein distance with transpositions counted as one edit (Damerau, restricted).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>The library's message on one line, its .NET type names replaced by what the user typed.</summary>
    private static string OneLine(string message)
    {
        var line = string.Join(' ', message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim())).TrimEnd('.');
        line = CannotParse().Replace(line, m => $"'{m.Groups["value"].Value}' is not a valid value for {m.Groups["symbol"].Value}");
        line = SingleValue().Replace(line, m => $"{m.Groups["option"].Value} given more than once");
        return MissingValue().Replace(line, m => $"{m.Groups["option"].Value} needs a value");
    }

    [GeneratedRegex(@"Option '(?<option>[^']*)' expects a single argument but \d+ were provided")]
    private static partial Regex SingleValue();

    [GeneratedRegex(@"Required argument missing for option: '(?<option>[^']*)'")]
    private static partial Regex MissingValue();

    [GeneratedRegex(@"Cannot parse argument '(?<value>[^']*)' for (option|command|argument) '(?<symbol>[^']*)' as expected type '[^']*'")]
    private static partial Regex CannotParse();
}
