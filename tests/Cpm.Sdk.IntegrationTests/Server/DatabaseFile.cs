using System.Text;
using System.Text.Json;
using Cpm.Sdk.Protocol;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>A SQLite file (a reference server's, or a store's) read with raw SQL on its own read-only connection, as an auditor would.</summary>
internal sealed class DatabaseFile(string path)
{
    public string Path { get; } = path;

    /// <summary>Every value of every column of every table (the schema's own included), as text; blobs also as UTF-8.</summary>
    public List<(string Table, string Column, string Value)> Cells()
    {
        using SqliteConnection connection = Open();
        var cells = new List<(string, string, string)>();
        List<string> tables = Strings(connection, "SELECT name FROM sqlite_schema WHERE type = 'table' UNION ALL SELECT 'sqlite_schema'");
        tables.Should().Contain("events");
        foreach (string table in tables)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    string? text = reader.GetValue(i) switch
                    {
                        DBNull => null,
                        byte[] blob => Encoding.UTF8.GetString(blob),
                        object value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                    };
                    if (text is not null)
                    {
                        cells.Add((table, reader.GetName(i), text));
                    }
                }
            }
        }

        return cells;
    }

    /// <summary>The cells that hold any of <paramref name="values"/>, as <c>table.column</c>.</summary>
    public List<string> CellsHolding(params string[] values) =>
        [.. Cells().Where(c => values.Any(v => c.Value.Contains(v, StringComparison.Ordinal))).Select(c => $"{c.Table}.{c.Column}")];

    /// <summary>Whether the database file or its write-ahead log, read as bytes, holds the UTF-8 of <paramref name="value"/>.</summary>
    public bool BytesHold(string value)
    {
        byte[] needle = Encoding.UTF8.GetBytes(value);
        return new[] { Path, Path + "-wal" }.Where(File.Exists).Any(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(needle) >= 0;
        });
    }

    /// <summary>Every stored event in server order: its body and the leaf hash the Merkle log holds for it (level 0).</summary>
    public List<(WireEvent Event, byte[] Leaf)> StoredLeaves()
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT e.body, m.hash FROM events e LEFT JOIN merkle_nodes m ON m.level = 0 AND m.idx = e.seq - 1 ORDER BY e.seq";
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<(WireEvent, byte[])>();
        while (reader.Read())
        {
            rows.Add((JsonSerializer.Deserialize(reader.GetString(0), ProtocolJson.WireEvent)!, (byte[])reader.GetValue(1)));
        }

        return rows;
    }

    /// <summary>The tombstones: subject hash and erasure time (Unix milliseconds).</summary>
    public List<(string SubjectHash, long ErasedAt)> Tombstones()
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT subject_hash, erased_at FROM tombstones ORDER BY subject_hash";
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<(string, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    /// <summary>The first column of every row <paramref name="sql"/> returns, as bytes.</summary>
    public List<byte[]> Blobs(string sql)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        var values = new List<byte[]>();
        while (reader.Read())
        {
            values.Add(reader.GetFieldValue<byte[]>(0));
        }

        return values;
    }

    public object? Scalar(string sql)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
