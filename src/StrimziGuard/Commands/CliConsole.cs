namespace StrimziGuard.Commands;

/// <summary>Where a command reads and writes, so tests run commands in-process with their own streams.</summary>
internal sealed record CliConsole(Func<Stream> OpenStdin, TextWriter Out, TextWriter Error)
{
    public static CliConsole System { get; } = new(Console.OpenStandardInput, Console.Out, Console.Error);
}
