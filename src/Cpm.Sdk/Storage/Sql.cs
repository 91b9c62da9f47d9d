using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>Small helpers for parameterised SQL and the value conversions the store uses everywhere.</summary>
internal static class Sql
{
    public static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long ScalarInt64(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static string? ScalarString(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    /// <summary>Ids are stored as 16 big-endian bytes, so SQLite's byte order equals UUIDv7 time order.</summary>
    public static byte[] IdToBlob(Guid id) => id.ToByteArray(bigEndian: true);

    public static Guid BlobToId(SqliteDataReader reader, int ordinal)
    {
        byte[] bytes = reader.GetFieldValue<byte[]>(ordinal);
        return bytes.Length == 16 ? new Guid(bytes, bigEndian: true) : throw new CpmStoreException($"Corrupt id: {bytes.Length} bytes instead of 16.");
    }

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static object ToDb(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    public static object ToDb(string? value) => value is null ? DBNull.Value : value;
}
