using System.CommandLine;
using System.Security.Cryptography;
using Cpm.Cli.Verification;
using Cpm.Sdk.Protocol;

namespace Cpm.Cli.Commands;

/// <summary><c>cpm verify-export export.jsonl --key server.pem</c>: checks a JSON Lines export without the store.</summary>
internal static class VerifyExportCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo>("export") { Description = "A JSON Lines export (cpm export --format jsonl)." };
        var key = new Option<FileInfo?>("--key")
        {
            Description = "The endpoint's checkpoint public key, PEM (served at GET v1/checkpoint-key): checks the signed checkpoint in the trailer.",
        };
        var command = new Command(
            "verify-export",
            "Check an export without the store: every record against its leaf hash, the count, the store checkpoint of " +
            "a complete export, and with --key the endpoint's signature. Exit 0 when intact, 1 with the first bad line.")
        {
            file, key,
        };
        command.SetAction((parsed, cancellationToken) => StoreRun.RunAsync(console, async () =>
        {
            using ECDsa? publicKey = parsed.GetValue(key) is { } pem ? await ReadKeyAsync(pem, cancellationToken).ConfigureAwait(false) : null;
            await using FileStream export = parsed.GetValue(file)!.OpenRead();
            ExportCheck result = await ExportVerifier.VerifyAsync(export, publicKey, cancellationToken).ConfigureAwait(false);
            if (result.IsIntact)
            {
                await console.Out.WriteLineAsync("intact: " + string.Join("; ", result.Findings)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            string where = result.FirstBadLine is { } line ? $"line {line:N0}" : "end of file";
            await console.Out.WriteLineAsync($"NOT INTACT: {where}: {result.Problem}").ConfigureAwait(false);
            return ExitCodes.NotIntact;
        }));
        return command;
    }

    private static async Task<ECDsa> ReadKeyAsync(FileInfo pem, CancellationToken cancellationToken)
    {
        string text = await File.ReadAllTextAsync(pem.FullName, cancellationToken).ConfigureAwait(false);
        return CheckpointSignature.TryImportPublicKey(text, out ECDsa? key) is { } problem
            ? throw new ArgumentException($"--key: {pem.FullName}: {problem}", "key")
            : key!;
    }
}
