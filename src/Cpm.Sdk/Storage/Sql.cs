using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>Small helpers for one-off SQL on a connection and the value conversions the readers share.</summary>
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

    /// <summary>Reads an id stored as 16 big-endian bytes (so SQLite's byte order equals UUIDv7 time order).</summary>
    public static Guid BlobToId(SqliteDataReader reader, int ordinal)
    {
        byte[] bytes = reader.GetFieldValue<byte[]>(ordinal);
        return bytes.Length == 16 ? new Guid(bytes, bigEndian: true) : throw new CpmStoreException($"Corrupt id: {bytes.Length} bytes instead of 16.");
    }

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
