using System.CommandLine;
using Cpm.Cli.Commands;

namespace Cpm.Cli;

/// <summary>The <c>cpm</c> command line: its subcommands, and the exit code of a run.</summary>
internal static class CpmCommand
{
    /// <summary>Parses <paramref name="args"/> and runs the subcommand; a malformed command line prints why and returns <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        RootCommand root = Build(console);
        ParseResult parsed = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
            {
                await console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("Run 'cpm --help' for the commands and their options.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    private static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand(
            "Read-only evidence tools for a Cpm.Sdk consent store: verify its audit log, export its records, print " +
            "receipts, reports and a person's data, and check an exported file. Stores are opened read-only and never changed.");
        root.Subcommands.Add(VerifyCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(VerifyExportCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(ReceiptCommand.Create(console));
        root.Subcommands.Add(SubjectCommand.Create(console));
        return root;
    }
}
