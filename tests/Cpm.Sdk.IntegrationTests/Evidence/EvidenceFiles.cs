using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>Reads exports back with parsers that are not the SDK's: CsvHelper for CSV, System.Text.Json for JSON Lines.</summary>
internal static class EvidenceFiles
{
    /// <summary>The columns of a record export, in order.</summary>
    public static readonly string[] ExportColumns =
    [
        "id", "kind", "userId", "purpose", "channel", "choice", "policyVersion", "occurredAt", "source",
        "jurisdiction", "expiresAt", "evidence", "origin", "recordedAt", "leafHash", "separate",
        "alias", "subjectHash", "scrubbed", "subject", "evidenceCommitment", "aliasCommitment", "frequencyMaxSends", "frequencyPeriod",
    ];

    /// <summary>
    /// Every row of a CSV file as a map from header to cell, and the header row. The parser reads RFC 4180 strictly:
    /// malformed quoting or a row with another number of fields than the header throws.
    /// </summary>
    public static (string[] Header, List<Dictionary<string, string>> Rows) ReadCsv(byte[] bytes)
    {
        using CsvReader csv = CsvReader.Create(bytes, new CsvReaderOptions
        {
            Separator = ',',
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            SkipEmptyLines = false,
        });
        string[] header = [.. csv.Headers];
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, header.Length).ToDictionary(i => header[i], csv.GetString, StringComparer.Ordinal));
        }

        return (header, rows);
    }

    /// <summary>The lines of a JSON Lines file, each parsed.</summary>
    public static List<JsonElement> ReadJsonLines(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes);
        text.Should().EndWith("\n");
        return [.. text[..^1].Split('\n').Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    /// <summary>A JSON object of strings (evidence) as a dictionary.</summary>
    public static Dictionary<string, string> StringMap(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
