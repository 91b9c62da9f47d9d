using System.CommandLine;
using System.Text.Json;
using Cpm.Sdk;
using Cpm.Sdk.Protocol;

namespace Cpm.Cli.Commands;

/// <summary>
/// <c>--catalog</c>: the purposes and channels to decide with, as the endpoint serves them (<c>GET v1/catalog</c>).
/// Merged over the catalog the store saved from its endpoint, as a client does; needed for a store that never synced,
/// whose catalog lived only in its application's options.
/// </summary>
internal static class CatalogFile
{
    public static Option<FileInfo?> Option() => new("--catalog")
    {
        Description = "A catalog JSON file as GET v1/catalog serves it ({\"purposes\":[...],\"channels\":[...]}). " +
            "Default: the catalog the store saved from its endpoint, none when it never synced.",
    };

    /// <summary>Reader options holding the catalog in <paramref name="file"/>, or none when no file is given.</summary>
    /// <exception cref="ArgumentException">The file is not a valid catalog.</exception>
    public static async Task<CpmOptions> OptionsAsync(FileInfo? file, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        var options = new CpmOptions { TimeZone = timeZone };
        if (file is null)
        {
            return options;
        }

        WireCatalog? catalog;
        try
        {
            await using FileStream stream = file.OpenRead();
            catalog = await JsonSerializer.DeserializeAsync(stream, ProtocolJson.WireCatalog, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"--catalog: {file.FullName} is not catalog JSON: {ex.Message}", "catalog", ex);
        }

        foreach (WirePurpose? purpose in catalog?.Purposes ?? [])
        {
            options.Purposes.Add(CatalogRules.ToDefinition(purpose)
                ?? throw new ArgumentException($"--catalog: {file.FullName} holds an invalid purpose.", "catalog"));
        }

        foreach (string channel in catalog?.Channels ?? [])
        {
            options.Channels.Add(channel);
        }

        return options;
    }
}
