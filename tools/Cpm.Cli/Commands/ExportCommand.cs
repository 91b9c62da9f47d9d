using System.CommandLine;
using Cpm.Cli.Output;
using Cpm.Sdk;

namespace Cpm.Cli.Commands;

/// <summary>
/// <c>cpm export --db cpm.db --format csv [--user ..] [--from ..] [--to ..]</c>: streams the store's records, oldest
/// first, to standard output or a file; the count goes to standard error.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        Option<FileInfo> database = CommonOptions.Database();
        var format = new Option<string>("--format")
        {
            Description = "jsonl (JSON Lines with a trailer the verify-export command checks) or csv (RFC 4180, for spreadsheets).",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var user = new Option<string?>("--user") { Description = "Only this person's records." };
        Option<string> from = CommonOptions.Instant("--from", "Only records that occurred at or after this instant.");
        Option<string> to = CommonOptions.Instant("--to", "Only records that occurred before this instant.");
        var purpose = new Option<string?>("--purpose") { Description = "Only records of this purpose and its topics." };
        var jurisdiction = new Option<string?>("--jurisdiction") { Description = "Only records under this jurisdiction, e.g. PIPL." };
        Option<TimeZoneInfo> zone = CommonOptions.TimeZone();
        Option<FileInfo?> output = CommonOptions.Output("the export");
        var command = new Command(
            "export",
            "Export the store's records, oldest first. Without filters a JSON Lines export holds the whole log, so " +
            "verify-export can rebuild the store's checkpoint from it.")
        {
            database, format, user, from, to, purpose, jurisdiction, zone, output,
        };
        command.SetAction((parsed, cancellationToken) => StoreRun.RunAsync(console, async () =>
        {
            TimeZoneInfo timeZone = parsed.GetValue(zone)!;
            var query = new ExportQuery
            {
                UserId = parsed.GetValue(user),
                From = CommonOptions.ReadInstant(parsed.GetValue(from), timeZone),
                To = CommonOptions.ReadInstant(parsed.GetValue(to), timeZone),
                Purpose = parsed.GetValue(purpose),
                Jurisdiction = parsed.GetValue(jurisdiction),
            };
            ExportFormat exportFormat = parsed.GetValue(format) == "csv" ? ExportFormat.Csv : ExportFormat.JsonLines;
            await using CpmEvidenceReader reader = await StoreRun.OpenAsync(
                parsed.GetValue(database)!, console, options: null, cancellationToken).ConfigureAwait(false);
            FileInfo? file = parsed.GetValue(output);
            ExportSummary summary = file is null
                ? await ExportAsync(reader, query, exportFormat, console.OpenOutput(), cancellationToken).ConfigureAwait(false)
                : await OutputFile.WriteAsync(file, stream => ExportAsync(reader, query, exportFormat, stream, cancellationToken)).ConfigureAwait(false);
            await console.Error.WriteLineAsync(
                $"exported {summary.Count:N0} records{(file is null ? "" : " to " + file.FullName)} " +
                $"(store log size {summary.Checkpoint.Size:N0})").ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<ExportSummary> ExportAsync(
        CpmEvidenceReader reader, ExportQuery query, ExportFormat format, Stream destination, CancellationToken cancellationToken)
    {
        await using (destination.ConfigureAwait(false))
        {
            ExportSummary summary = await reader.ExportAsync(query, destination, format, cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            return summary;
        }
    }
}
