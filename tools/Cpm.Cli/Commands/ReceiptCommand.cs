using System.CommandLine;
using Cpm.Sdk;

namespace Cpm.Cli.Commands;

/// <summary><c>cpm receipt --db cpm.db --id ...</c>: the record's consent receipt as indented JSON, with its proof against the store's log.</summary>
internal static class ReceiptCommand
{
    public static Command Create(CliConsole console)
    {
        Option<FileInfo> database = CommonOptions.Database();
        var id = new Option<Guid>("--id") { Description = "The record's id (ConsentRecord.Id).", Required = true };
        Option<FileInfo?> output = CommonOptions.Output("the receipt");
        Option<FileInfo?> catalog = CatalogFile.Option();
        var command = new Command(
            "receipt",
            "Print a record's consent receipt (ISO/IEC TS 27560) as JSON, with its leaf and its inclusion proof against " +
            "the store's latest checkpoint, which MerkleLog.VerifyInclusion checks without the store.")
        {
            database, id, catalog, output,
        };
        command.SetAction((parsed, cancellationToken) => StoreRun.RunAsync(console, async () =>
        {
            CpmOptions options = await CatalogFile.OptionsAsync(parsed.GetValue(catalog), TimeZoneInfo.Utc, cancellationToken).ConfigureAwait(false);
            await using CpmEvidenceReader reader = await StoreRun.OpenAsync(
                parsed.GetValue(database)!, console, options, cancellationToken).ConfigureAwait(false);
            ConsentReceipt receipt = await reader.GetReceiptAsync(parsed.GetValue(id), cancellationToken).ConfigureAwait(false);
            string json = receipt.ToJson(indented: true);
            if (parsed.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, json + "\n", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await console.Out.WriteLineAsync(json).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
