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

    /// <summary>SQL that takes a store of schema version 6 back to version 5 (no frequency caps, no send ledger yet).</summary>
    public const string UndoVersion6 = """
        DROP INDEX send_ledger_by_user; DROP INDEX send_ledger_by_time; DROP TABLE send_ledger;
        ALTER TABLE events DROP COLUMN frequency_max; ALTER TABLE events DROP COLUMN frequency_period;
        ALTER TABLE state DROP COLUMN frequency;
        """;

    /// <summary>SQL that takes a store of schema version 5 back to version 4 (no event kinds beyond consent yet).</summary>
    public const string UndoVersion5 = """
        DROP INDEX events_by_subject_hash; DROP TABLE subjects; DROP TABLE tombstones; DROP INDEX aliases_by_user; DROP TABLE aliases;
        ALTER TABLE events DROP COLUMN alias; ALTER TABLE events DROP COLUMN subject_hash; ALTER TABLE events DROP COLUMN scrubbed;
        ALTER TABLE events DROP COLUMN subject_commitment; ALTER TABLE events DROP COLUMN evidence_commitment;
        ALTER TABLE events DROP COLUMN alias_commitment;
        """;
}
