namespace StrimziGuard.Commands;

/// <summary>
/// A deliberately small parser: <c>--name value</c>, <c>--name=value</c>, flags, and positionals. Unknown options are errors,
/// so a typo never silently changes what a command does.
/// </summary>
internal sealed class CommandLineArgs
{
    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private CommandLineArgs(string command) => Command = command;

    public string Command { get; }

    public List<string> Positionals { get; } = [];

    public static CommandLineArgs Parse(string command, IEnumerable<string> args, IReadOnlySet<string> valued, IReadOnlySet<string> flagNames)
    {
        var parsed = new CommandLineArgs(command);
        using var e = args.GetEnumerator();
        var onlyPositionals = false;
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (onlyPositionals || !arg.StartsWith("--", StringComparison.Ordinal) || arg == "-")
            {
                parsed.Positionals.Add(arg);
                continue;
            }
            if (arg == "--") { onlyPositionals = true; continue; }
            var eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            if (flagNames.Contains(name))
            {
                if (eq > 0) throw new UsageException($"{command}: --{name} takes no value");
                parsed.flags.Add(name);
            }
            else if (valued.Contains(name))
            {
                string value;
                if (eq > 0) value = arg[(eq + 1)..];
                else if (e.MoveNext()) value = e.Current;
                else throw new UsageException($"{command}: --{name} needs a value");
                if (!parsed.values.TryGetValue(name, out var list)) parsed.values[name] = list = [];
                list.Add(value);
            }
            else
            {
                throw new UsageException($"{command}: unknown option --{name}; see 'strimzi-guard {command} --help'");
            }
        }
        return parsed;
    }

    public bool Flag(string name) => flags.Contains(name);

    public string? Value(string name)
    {
        if (!values.TryGetValue(name, out var list)) return null;
        if (list.Count > 1) throw new UsageException($"{Command}: --{name} given more than once");
        return list[0];
    }

    public IReadOnlyList<string> Values(string name) => values.TryGetValue(name, out var list) ? list : [];
}
