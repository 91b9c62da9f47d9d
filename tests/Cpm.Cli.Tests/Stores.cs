using System.Text.Json;
using Cpm.Sdk;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Cli.Tests;

/// <summary>Real store files for the commands to read, written through <see cref="CpmClient"/>.</summary>
internal static class Stores
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// 40 records for 10 people over 4 days (one a day each, 6 hours apart per person), PIPL for even people and GDPR for
    /// odd, with CJK and emoji in the evidence; closed when it returns. Returns the records in capture order.
    /// </summary>
    public static async Task<List<ConsentRecord>> PopulateAsync(TempStore store)
    {
        var records = new List<ConsentRecord>();
        await using CpmClient cpm = await store.OpenAsync();
        for (int day = 0; day < 4; day++)
        {
            for (int person = 0; person < 10; person++)
            {
                records.Add(await cpm.RecordAsync(new ConsentCapture($"user-{person}", "marketing", person % 2 == 0 ? "sms" : "email", (ConsentChoice)((person + day) % 3))
                {
                    OccurredAt = Start.AddDays(day).AddHours(person),
                    Jurisdiction = person % 2 == 0 ? "PIPL" : "GDPR",
                    Source = "web",
                    Evidence = new Dictionary<string, string> { ["notice"] = "同意接收营销短信 ✅", ["ip"] = $"10.0.0.{person}" },
                }));
            }
        }

        return records;
    }

    /// <summary>Writes the catalog of <see cref="TempStore.Options"/> as the endpoint serves it (<c>GET v1/catalog</c>); returns its path.</summary>
    public static string WriteCatalog(TempStore store, Action<CpmOptions>? configure = null)
    {
        CpmOptions options = store.Options(configure: configure);
        var catalog = new WireCatalog { Purposes = [.. options.Purposes.Select(CatalogRules.ToWire)], Channels = [.. options.Channels] };
        string path = Path.Combine(store.Directory, "catalog.json");
        File.WriteAllText(path, JsonSerializer.Serialize(catalog, ProtocolJson.WireCatalog));
        return path;
    }

    /// <summary>Runs <paramref name="sql"/> on the store file directly, as someone editing it by hand would.</summary>
    public static void Edit(TempStore store, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The bytes of the store and the names of the files beside it, to show a command changed nothing.</summary>
    public static (byte[] Bytes, string[] Files) Snapshot(TempStore store) =>
        (File.ReadAllBytes(store.DatabasePath), [.. Directory.GetFiles(store.Directory).Select(Path.GetFileName).Order()!]);
}
