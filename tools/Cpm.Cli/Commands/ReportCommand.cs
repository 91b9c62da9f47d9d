using System.CommandLine;
using Cpm.Cli.Output;
using Cpm.Sdk;

namespace Cpm.Cli.Commands;

/// <summary>
/// <c>cpm report --db cpm.db --from .. --to .. [--jurisdiction PIPL]</c>: grants, denials and withdrawals per local day,
/// purpose, channel, source and jurisdiction, the rights requests served per day, and the share allowed now, as tables
/// on screen or as CSV.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        Option<FileInfo> database = CommonOptions.Database();
        Option<string> from = CommonOptions.Instant("--from", "The first instant counted.");
        from.Required = true;
        Option<string> to = CommonOptions.Instant("--to", "The end of the period (not counted).");
        to.Required = true;
        var jurisdiction = new Option<string?>("--jurisdiction") { Description = "Only records under this jurisdiction: the PIPL report." };
        var format = new Option<string>("--format")
        {
            Description = "table (aligned text) or csv (the day rows; --rights-output and --allowed-output take the other tables).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "csv");
        Option<TimeZoneInfo> zone = CommonOptions.TimeZone();
        Option<FileInfo?> output = CommonOptions.Output("the report");
        Option<FileInfo?> catalog = CatalogFile.Option();
        var allowedOutput = new Option<FileInfo?>("--allowed-output")
        {
            Description = "With --format csv: also write the allowed shares (purpose, channel, people, allowed, share) to this file.",
        };
        var rightsOutput = new Option<FileInfo?>("--rights-output")
        {
            Description = "With --format csv: also write the rights requests served per day (day, accesses, exports, erasures, links, unlinks) to this file.",
        };
        var command = new Command(
            "report",
            "Count the choices per local day, purpose, channel, source and jurisdiction, the rights requests served per " +
            "day (access, portability, erasure, alias links and unlinks), and the share of people each purpose and " +
            "channel may be used for now. Counts every event the store holds, pulled ones included.")
        {
            database, from, to, jurisdiction, format, zone, catalog, output, allowedOutput, rightsOutput,
        };
        command.SetAction((parsed, cancellationToken) => StoreRun.RunAsync(console, async () =>
        {
            TimeZoneInfo timeZone = parsed.GetValue(zone)!;
            var query = new ReportQuery(
                CommonOptions.ReadInstant(parsed.GetValue(from), timeZone)!.Value,
                CommonOptions.ReadInstant(parsed.GetValue(to), timeZone)!.Value)
            {
                Jurisdiction = parsed.GetValue(jurisdiction),
            };
            CpmOptions options = await CatalogFile.OptionsAsync(parsed.GetValue(catalog), timeZone, cancellationToken).ConfigureAwait(false);
            await using CpmEvidenceReader reader = await StoreRun.OpenAsync(
                parsed.GetValue(database)!, console, options, cancellationToken).ConfigureAwait(false);
            ConsentReport report = await reader.GetReportAsync(query, cancellationToken).ConfigureAwait(false);
            FileInfo? file = parsed.GetValue(output);
            bool csv = parsed.GetValue(format) == "csv";
            if (file is null && !csv)
            {
                await ReportTable.WriteAsync(report, console.Out, parsed.GetValue(catalog) is null).ConfigureAwait(false);
            }
            else if (file is null)
            {
                await WriteAsync(report, csv, console.OpenOutput(), noCatalog: false, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await OutputFile.WriteAsync(file, stream => WriteAsync(report, csv, stream, parsed.GetValue(catalog) is null, cancellationToken)).ConfigureAwait(false);
            }

            if (csv && parsed.GetValue(allowedOutput) is { } allowedFile)
            {
                await WriteCsvFileAsync(allowedFile, report.WriteAllowedCsvAsync, cancellationToken).ConfigureAwait(false);
            }

            if (csv && parsed.GetValue(rightsOutput) is { } rightsFile)
            {
                await WriteCsvFileAsync(rightsFile, report.WriteRightsCsvAsync, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Writes one of the report's CSV tables to <paramref name="file"/>, whole or not at all.</summary>
    private static Task<bool> WriteCsvFileAsync(FileInfo file, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        OutputFile.WriteAsync(file, async stream =>
        {
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                return true;
            }
        });

    /// <summary>Writes the report to <paramref name="stream"/> as CSV or as the text table, then closes it.</summary>
    private static async Task<bool> WriteAsync(ConsentReport report, bool csv, Stream stream, bool noCatalog, CancellationToken cancellationToken)
    {
        await using (stream.ConfigureAwait(false))
        {
            if (csv)
            {
                await report.WriteCsvAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var writer = new StreamWriter(stream);
                await using (writer.ConfigureAwait(false))
                {
                    await ReportTable.WriteAsync(report, writer, noCatalog).ConfigureAwait(false);
                }
            }

            return true;
        }
    }
}
