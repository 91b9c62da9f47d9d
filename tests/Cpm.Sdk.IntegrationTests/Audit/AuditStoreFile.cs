using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>Edits a closed store's file from outside the SDK: with raw SQL, or with the <c>sqlite3</c> program.</summary>
internal sealed class AuditStoreFile(string path)
{
    public void Sql(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <paramref name="sql"/> through the sqlite3 command-line program, as someone editing the file by hand would.</summary>
    public void Sqlite3(string sql)
    {
        var start = new ProcessStartInfo("sqlite3", [path])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("sqlite3 did not start");
        process.StandardInput.WriteLine(sql);
        process.StandardInput.Close();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || error.Length > 0)
        {
            throw new InvalidOperationException($"sqlite3 failed ({process.ExitCode}): {error}");
        }
    }
}
