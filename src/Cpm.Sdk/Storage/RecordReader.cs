using Cpm.Sdk.Model;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>
/// Maps an <c>events</c> row to a record. Queries select, in this order: id, user_id, purpose, channel, choice,
/// policy_version, source, occurred_at, expires_at, jurisdiction, evidence, recorded_at, origin.
/// </summary>
internal static class RecordReader
{
    public const string Columns = """
        id, user_id, purpose, channel, choice, policy_version, source, occurred_at, expires_at,
        jurisdiction, evidence, recorded_at, origin
        """;

    public static ConsentRecord Read(SqliteDataReader reader) => new()
    {
        Id = Sql.BlobToId(reader, 0),
        UserId = reader.GetString(1),
        Purpose = reader.GetString(2),
        Channel = reader.GetString(3),
        Choice = (ConsentChoice)reader.GetInt32(4),
        PolicyVersion = reader.GetInt32(5),
        Source = reader.GetString(6),
        OccurredAt = Sql.FromUnixMs(reader.GetInt64(7)),
        ExpiresAt = reader.IsDBNull(8) ? null : Sql.FromUnixMs(reader.GetInt64(8)),
        Jurisdiction = reader.IsDBNull(9) ? null : reader.GetString(9),
        Evidence = EvidenceJson.Deserialize(reader.IsDBNull(10) ? null : reader.GetString(10)),
        RecordedAt = Sql.FromUnixMs(reader.GetInt64(11)),
        Origin = reader.GetString(12),
    };
}
