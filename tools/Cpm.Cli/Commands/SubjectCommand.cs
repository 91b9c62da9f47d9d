using System.CommandLine;
using Cpm.Cli.Output;
using Cpm.Sdk;

namespace Cpm.Cli.Commands;

/// <summary>
/// <c>cpm subject --db cpm.db --user user-42 [--json]</c>: everything the store holds about one person, as text or as
/// the JSON document of <see cref="IDataSubjectRights.ExportSubjectAsync"/>. Read-only: the lookup is not recorded.
/// </summary>
internal static class SubjectCommand
{
    public static Command Create(CliConsole console)
    {
        Option<FileInfo> database = CommonOptions.Database();
        var user = new Option<string>("--user") { Description = "The person's user id.", Required = true };
        var json = new Option<bool>("--json")
        {
            Description = "Write the person's data as one JSON document, the same as IDataSubjectRights.ExportSubjectAsync writes (portability).",
        };
        Option<FileInfo?> catalog = CatalogFile.Option();
        Option<FileInfo?> output = CommonOptions.Output("the person's data");
        var command = new Command(
            "subject",
            "Print everything the store holds about one person: their records with evidence, the aliases linked to them, " +
            "their jurisdiction, when they were erased, and the decision now for every purpose and channel of the catalog. " +
            "Read-only: unlike the SDK's AccessAsync and ExportSubjectAsync, this lookup is NOT recorded in the store's " +
            "audit log (cpm never writes); serve a person's access request through the application to have it recorded. " +
            "Exit 4 when the store holds nothing about the person.")
        {
            database, user, json, catalog, output,
        };
        command.SetAction((parsed, cancellationToken) => StoreRun.RunAsync(console, async () =>
        {
            CpmOptions options = await CatalogFile.OptionsAsync(parsed.GetValue(catalog), TimeZoneInfo.Utc, cancellationToken).ConfigureAwait(false);
            await using CpmEvidenceReader reader = await StoreRun.OpenAsync(
                parsed.GetValue(database)!, console, options, cancellationToken).ConfigureAwait(false);
            string userId = parsed.GetValue(user)!;
            FileInfo? file = parsed.GetValue(output);
            if (parsed.GetValue(json))
            {
                Func<Stream, Task<bool>> write = async stream =>
                {
                    await using (stream.ConfigureAwait(false))
                    {
                        await reader.ExportSubjectAsync(userId, stream, cancellationToken).ConfigureAwait(false);
                        return true;
                    }
                };
                await (file is null ? write(console.OpenOutput()) : OutputFile.WriteAsync(file, write)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            SubjectData data = await reader.GetSubjectAsync(userId, cancellationToken).ConfigureAwait(false);
            bool noCatalog = parsed.GetValue(catalog) is null;
            if (file is null)
            {
                await SubjectText.WriteAsync(data, console.Out, noCatalog).ConfigureAwait(false);
            }
            else
            {
                await OutputFile.WriteAsync(file, async stream =>
                {
                    var writer = new StreamWriter(stream);
                    await using (writer.ConfigureAwait(false))
                    {
                        await SubjectText.WriteAsync(data, writer, noCatalog).ConfigureAwait(false);
                        return true;
                    }
                }).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
