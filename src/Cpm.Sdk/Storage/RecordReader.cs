using Cpm.Sdk.Model;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>
/// Maps an <c>events</c> row to a record. Queries select, in this order: id, user_id, purpose, channel, choice,
/// policy_version, source, occurred_at, expires_at, jurisdiction, evidence, recorded_at, origin, separate.
/// </summary>
internal static class RecordReader
{
    public const string Columns = BaseColumns + ", separate";

    /// <summary>The position of the salt in <see cref="StoredColumns"/>, from their first column.</summary>
    public const int SaltColumn = 14;

    /// <summary>The record columns followed by the event's salt: what <see cref="ReadStored"/> reads.</summary>
    public const string StoredColumns = Columns + ", salt";

    /// <summary>
    /// <see cref="StoredColumns"/> for a store older than schema version 4, which has no <c>separate</c> column: read
    /// as 0, since no choice was separate before the flag existed. For migrations only.
    /// </summary>
    public const string StoredColumnsBeforeSeparate = BaseColumns + ", 0, salt";

    private const string BaseColumns = """
        id, user_id, purpose, channel, choice, policy_version, source, occurred_at, expires_at,
        jurisdiction, evidence, recorded_at, origin
        """;

    /// <summary>Reads the record from the columns of <see cref="Columns"/>, starting at <paramref name="offset"/>.</summary>
    public static ConsentRecord Read(SqliteDataReader reader, int offset = 0) => new()
    {
        Id = Sql.BlobToId(reader, offset),
        UserId = reader.GetString(offset + 1),
        Purpose = reader.GetString(offset + 2),
        Channel = reader.GetString(offset + 3),
        Choice = (ConsentChoice)reader.GetInt32(offset + 4),
        PolicyVersion = reader.GetInt32(offset + 5),
        Source = reader.GetString(offset + 6),
        OccurredAt = Sql.FromUnixMs(reader.GetInt64(offset + 7)),
        ExpiresAt = reader.IsDBNull(offset + 8) ? null : Sql.FromUnixMs(reader.GetInt64(offset + 8)),
        Jurisdiction = reader.IsDBNull(offset + 9) ? null : reader.GetString(offset + 9),
        Evidence = EvidenceJson.Deserialize(reader.IsDBNull(offset + 10) ? null : reader.GetString(offset + 10)),
        RecordedAt = Sql.FromUnixMs(reader.GetInt64(offset + 11)),
        Origin = reader.GetString(offset + 12),
        Separate = reader.GetInt64(offset + 13) != 0,
    };

    /// <summary>Reads the record, its evidence as stored and its salt from the columns of <see cref="StoredColumns"/>.</summary>
    public static StoredEvent ReadStored(SqliteDataReader reader, int offset = 0) => new(
        Read(reader, offset),
        reader.IsDBNull(offset + 10) ? null : reader.GetString(offset + 10),
        reader.IsDBNull(offset + SaltColumn) ? throw new CpmStoreException("An event has no salt.") : reader.GetFieldValue<byte[]>(offset + SaltColumn));
}
