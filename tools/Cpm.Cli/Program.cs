using Cpm.Cli;

return await CpmCommand.RunAsync(args, CliConsole.System(), CancellationToken.None).ConfigureAwait(false);
