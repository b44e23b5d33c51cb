using StrimziGuard.Commands;

return await Cli.RunAsync(args, CliConsole.System);
