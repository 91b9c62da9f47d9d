using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>Reaches into a client's store file from outside, as an operator or a failing disk would.</summary>
internal sealed class StoreFile(string path)
{
    public string Path { get; } = path;

    /// <summary>Whether the write-ahead log is gone: true once the client closed the store cleanly.</summary>
    public bool WalGone => !File.Exists(Path + "-wal");

    public string? Cursor => Scalar("SELECT value FROM sync_state WHERE key = 'cursor'") as string;

    /// <summary>Runs statements on a connection of its own (not pooled, closed at once).</summary>
    public void Execute(string sql)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>A connection that stays open, e.g. to watch <c>PRAGMA data_version</c>; close it before the client closes.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
