using System.CommandLine;
using Cpm.Sdk;
using Cpm.Sdk.Protocol;

namespace Cpm.Cli.Commands;

/// <summary><c>cpm verify --db cpm.db</c>: checks every row of the store's audit log; intact, or the first bad index.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        Option<FileInfo> database = CommonOptions.Database();
        var command = new Command(
            "verify",
            "Recompute every event's leaf from its fields, the chain and the Merkle log, and compare them with every " +
            "checkpoint the store kept. Exit 0 when intact, 1 with the first bad index when not.")
        {
            database,
        };
        command.SetAction((parsed, cancellationToken) => StoreRun.RunAsync(console, async () =>
        {
            await using CpmEvidenceReader reader = await StoreRun.OpenAsync(
                parsed.GetValue(database)!, console, options: null, cancellationToken).ConfigureAwait(false);
            AuditVerification result = await reader.VerifyAuditAsync(cancellationToken).ConfigureAwait(false);
            AuditCheckpoint checkpoint = await reader.GetCheckpointAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsIntact)
            {
                await console.Out.WriteLineAsync(
                    $"intact: {result.Checked:N0} events checked against the store's log " +
                    $"(origin {checkpoint.Origin}, size {checkpoint.Size:N0}, root {CheckpointFormat.FormatHash(checkpoint.RootHash)})").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            string where = result.FirstBadIndex is { } index ? $"first bad index {index:N0}" : "a checkpoint disagrees";
            await console.Out.WriteLineAsync($"NOT INTACT: {where}: {result.Problem} ({result.Checked:N0} events checked)").ConfigureAwait(false);
            return ExitCodes.NotIntact;
        }));
        return command;
    }
}
