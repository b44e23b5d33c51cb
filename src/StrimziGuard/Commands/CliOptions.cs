using System.CommandLine;

namespace StrimziGuard.Commands;

/// <summary>The options several commands share, worded once.</summary>
internal static class CliOptions
{
    public static Option<string?> Config(string description = "guard configuration (YAML)") =>
        new("--config") { Description = description, HelpName = "FILE" };

    public static Option<string[]> ClusterState(string description) =>
        new("--cluster-state") { Description = description, HelpName = "PATH", DefaultValueFactory = _ => [] };

    public static Option<string?> Kubeconfig(string description) =>
        new("--kubeconfig") { Description = description, HelpName = "FILE" };

    public static Option<string?> Context() =>
        new("--context") { Description = "a kubeconfig context other than the current one", HelpName = "NAME" };

    /// <summary>Positional paths; a value that looks like an option is refused (a typo must never be read as a path).</summary>
    public static Argument<string[]> Paths(string name, string description, ArgumentArity arity)
    {
        var paths = new Argument<string[]>(name) { Description = description, Arity = arity, DefaultValueFactory = _ => [] };
        CliErrors.RefuseOptionLikeValues(paths);
        return paths;
    }
}
