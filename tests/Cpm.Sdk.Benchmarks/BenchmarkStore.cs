using System.Diagnostics;
using System.Globalization;
using Cpm.Sdk.Audit;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// The shared catalog and the cached "resident" stores: a SQLite file holding <c>users</c> people with
/// 2 or 3 effective records each, written straight into <c>events</c> and <c>state</c> (one transaction,
/// prepared commands) because a million <see cref="CpmClient.RecordAsync"/> calls would take far too long.
/// Each event gets a random salt, and the audit log (leaf hashes, chain, <c>merkle_nodes</c>, one checkpoint) is
/// then built by the SDK's own migration step, so the file has today's schema and a real log. Every person also has
/// two aliases, a phone number and an email address, each linked by its own event (<see cref="ResidentAliases"/>).
/// The file is kept in the temp folder, keyed by size and generator version, and reused by later runs.
/// </summary>
internal static class BenchmarkStore
{
    /// <summary>The purpose every gate benchmark asks about (legal basis: consent).</summary>
    public const string Purpose = "marketing";

    /// <summary>Bump when the generated data changes, so stale cached files are not reused.</summary>
    /// <remarks>
    /// Version 2: schema version 3 (kind, salt, a real audit log). Version 3: schema version 4 (each person's jurisdiction
    /// row). Version 4: schema version 5 (two aliases per person with their link events, each person's subjects row).
    /// Version 5: schema version 6 (a frequency on events and effective records, the send ledger).
    /// </remarks>
    private const int GeneratorVersion = 5;

    private const long DayMs = 24L * 60 * 60 * 1000;

    /// <summary>The (purpose, channel) keys a resident user's records are drawn from; '*' keys included.</summary>
    private static readonly (string Purpose, string Channel)[] RecordKeys =
    [
        ("marketing", "sms"),
        ("marketing", "email"),
        ("marketing", "wechat"),
        ("marketing", "app-push"),
        ("marketing", "*"),
        ("analytics", "*"),
        ("analytics", "email"),
        ("personalisation", "*"),
    ];

    /// <summary>The catalog's concrete channels; benchmarks cycle through them.</summary>
    public static string[] Channels { get; } = ["sms", "email", "wechat", "app-push"];

    /// <summary>The folder holding cached stores and per-run temp stores.</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "cpm-benchmarks");

    /// <summary>A resident user id; a new string instance on every call, as a caller's id would be.</summary>
    public static string UserId(int i) => string.Create(CultureInfo.InvariantCulture, $"user-{i:D7}");

    /// <summary>A topic two levels under <c>marketing</c> that the benchmark catalog declares (issue 9's topic benchmark).</summary>
    public const string DeclaredTopic = "marketing.news.weekly";

    /// <param name="databasePath">The store file.</param>
    /// <param name="durability">How hard each commit is made durable.</param>
    /// <param name="auditLog"><see langword="false"/> for the baseline that stores events without the audit log.</param>
    public static CpmOptions Options(string databasePath, Durability durability = Durability.Full, bool auditLog = true) => new()
    {
        DatabasePath = databasePath,
        Durability = durability,
        WithoutAuditLogForBenchmarks = !auditLog,
        Purposes =
        {
            new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent },
            new PurposeDefinition { Id = "personalisation", LegalBasis = LegalBasis.Consent, MinimumPolicyVersion = 2 },
            new PurposeDefinition { Id = "analytics", LegalBasis = LegalBasis.LegitimateInterest },
            new PurposeDefinition { Id = DeclaredTopic, LegalBasis = LegalBasis.Consent },
        },
        Channels = { "sms", "email", "wechat", "app-push" },
        AliasKinds = { ResidentAliases.Kinds[0], ResidentAliases.Kinds[1] },
    };

    /// <summary>A fresh, empty temp path for a store that the caller deletes with <see cref="Delete"/>.</summary>
    public static string NewTempPath(string prefix)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, $"{prefix}-{Guid.NewGuid():N}.db");
    }

    /// <summary>Deletes a closed store file and its companions: WAL, shared memory, lock file, a reference server's checkpoint key.</summary>
    public static void Delete(string path)
    {
        foreach (string file in new[] { path, path + "-wal", path + "-shm", path + ".lock", path + ".checkpoint-key.pem" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Returns the path of a store with <paramref name="users"/> resident users, generating it once.</summary>
    public static string Resident(int users)
    {
        Directory.CreateDirectory(Folder);
        string path = Path.Combine(Folder, $"resident-{users}-v{GeneratorVersion}.db");
        string marker = path + ".complete";
        if (File.Exists(marker) && File.Exists(path))
        {
            return path;
        }

        Delete(path);
        File.Delete(marker);
        var watch = Stopwatch.StartNew();
        Generate(path, users);
        File.WriteAllText(marker, $"{users} users\n");
        Console.WriteLine($"// Generated {path} ({users:N0} users, {new FileInfo(path).Length / 1048576.0:F0} MiB) in {watch.Elapsed.TotalSeconds:F1} s");
        return path;
    }

    /// <summary>
    /// The resident store of <paramref name="users"/> people as it was before aliases existed: a copy of it with the
    /// <c>aliases</c> table emptied (the link events stay in <c>events</c>; nothing at open reads them). Made once.
    /// </summary>
    public static string ResidentWithoutAliases(int users)
    {
        string source = Resident(users);
        string path = Path.Combine(Folder, $"resident-{users}-v{GeneratorVersion}-no-aliases.db");
        string marker = path + ".complete";
        if (File.Exists(marker) && File.Exists(path))
        {
            return path;
        }

        Delete(path);
        File.Copy(source, path);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            Execute(connection, "DELETE FROM aliases");
        }

        File.WriteAllText(marker, $"{users} users, no aliases\n");
        return path;
    }

    private static void Generate(string path, int users)
    {
        // Let the SDK create and stamp the schema, then close it and write the rows directly.
        CpmClient.OpenAsync(Options(path)).GetAwaiter().GetResult().Dispose();

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA synchronous = OFF");
        Execute(connection, "PRAGMA cache_size = -524288");

        using (SqliteTransaction transaction = connection.BeginTransaction())
        using (SqliteCommand insertEvent = Prepare(
            connection,
            transaction,
            """
            INSERT INTO events(id, user_id, purpose, channel, choice, policy_version, source, occurred_at,
                               expires_at, jurisdiction, evidence, recorded_at, origin, salt)
            VALUES ($id, $user, $purpose, $channel, $choice, $policy, 'web', $occurred, $expires, 'PIPL',
                    NULL, $occurred, 'benchmark-seed', randomblob(16))
            """,
            "$id", "$user", "$purpose", "$channel", "$choice", "$policy", "$occurred", "$expires"))
        using (SqliteCommand insertState = Prepare(
            connection,
            transaction,
            """
            INSERT INTO state(user_id, purpose, channel, event_id, choice, policy_version, occurred_at, expires_at)
            VALUES ($user, $purpose, $channel, $id, $choice, $policy, $occurred, $expires)
            """,
            "$id", "$user", "$purpose", "$channel", "$choice", "$policy", "$occurred", "$expires"))
        {
            var random = new Random(20261122);
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            int[] keys = [.. Enumerable.Range(0, RecordKeys.Length)];
            for (int i = 0; i < users; i++)
            {
                string user = UserId(i);
                int count = 2 + random.Next(2);
                for (int k = 0; k < count; k++)
                {
                    // Partial Fisher-Yates: `count` distinct keys per user.
                    int pick = k + random.Next(keys.Length - k);
                    (keys[k], keys[pick]) = (keys[pick], keys[k]);
                    (string purpose, string channel) = RecordKeys[keys[k]];
                    double roll = random.NextDouble();
                    int choice = roll < 0.6 ? 0 : roll < 0.85 ? 1 : 2;
                    long occurred = now - random.NextInt64(DayMs, 365 * DayMs);
                    object expires = random.Next(10) == 0 ? occurred + (730 * DayMs) : DBNull.Value;
                    byte[] id = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(occurred)).ToByteArray(bigEndian: true);
                    object[] values = [id, user, purpose, channel, choice, 1 + random.Next(2), occurred, expires];
                    Run(insertEvent, values);
                    Run(insertState, values);
                }
            }

            StoreLogMigration.BuildLog(connection);
            Execute(connection, Storage.Schema.BuildJurisdictions);
            ResidentAliases.Insert(connection, transaction, users, random, now);
            ResidentAliases.AppendToLog(connection);
            transaction.Commit();
        }

        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (string name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, object[] values)
    {
        for (int p = 0; p < values.Length; p++)
        {
            command.Parameters[p].Value = values[p];
        }

        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
