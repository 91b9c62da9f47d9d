using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>The store's schema and its forward-only migrations, versioned by <c>PRAGMA user_version</c>.</summary>
internal static class Schema
{
    /// <summary>Stamped in <c>PRAGMA application_id</c>: "CPM1".</summary>
    public const int ApplicationId = 0x43504D31;

    private static readonly string[][] Migrations =
    [
        // Version 1: events (append-only, room for a hash chain), state, outbox, dead letters, sync state, meta.
        [
            """
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID
            """,
            """
            CREATE TABLE events(
                seq INTEGER PRIMARY KEY,
                id BLOB NOT NULL UNIQUE,
                user_id TEXT NOT NULL,
                purpose TEXT NOT NULL,
                channel TEXT NOT NULL,
                choice INTEGER NOT NULL,
                policy_version INTEGER NOT NULL,
                source TEXT NOT NULL,
                occurred_at INTEGER NOT NULL,
                expires_at INTEGER,
                jurisdiction TEXT,
                evidence TEXT,
                recorded_at INTEGER NOT NULL,
                origin TEXT NOT NULL,
                prev_hash BLOB,
                hash BLOB)
            """,
            "CREATE INDEX events_by_user ON events(user_id, occurred_at)",
            """
            CREATE TABLE state(
                user_id TEXT NOT NULL,
                purpose TEXT NOT NULL,
                channel TEXT NOT NULL,
                event_id BLOB NOT NULL,
                choice INTEGER NOT NULL,
                policy_version INTEGER NOT NULL,
                occurred_at INTEGER NOT NULL,
                expires_at INTEGER,
                PRIMARY KEY(user_id, purpose, channel)) WITHOUT ROWID
            """,
            """
            CREATE TABLE outbox(
                seq INTEGER PRIMARY KEY,
                event_id BLOB NOT NULL UNIQUE,
                enqueued_at INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0)
            """,
            """
            CREATE TABLE dead_letters(
                event_id BLOB PRIMARY KEY,
                reason TEXT NOT NULL,
                failed_at INTEGER NOT NULL) WITHOUT ROWID
            """,
            "CREATE TABLE sync_state(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",
        ],

        // Version 2: pulled events that cannot be merged are parked with their wire JSON, never skipped.
        [
            """
            CREATE TABLE parked_events(
                seq INTEGER PRIMARY KEY,
                id TEXT UNIQUE,
                body TEXT NOT NULL,
                reason TEXT NOT NULL,
                parked_at INTEGER NOT NULL)
            """,
        ],

        // Version 3: the events table becomes a Merkle log (leaf index = seq - 1). Each event gets its kind and salt;
        // hash holds its leaf hash and prev_hash the previous row's, so a reordered row breaks the chain. Complete
        // subtrees of 16 leaves and more are kept in merkle_nodes, and every commit that appends keeps a checkpoint.
        // Events stored before this version get a random salt here, then their leaves (StoreLogMigration).
        [
            "ALTER TABLE events ADD COLUMN kind TEXT NOT NULL DEFAULT 'consent'",
            "ALTER TABLE events ADD COLUMN salt BLOB",
            "UPDATE events SET salt = randomblob(16) WHERE salt IS NULL",
            """
            CREATE TABLE merkle_nodes(
                level INTEGER NOT NULL,
                idx INTEGER NOT NULL,
                hash BLOB NOT NULL,
                PRIMARY KEY(level, idx)) WITHOUT ROWID
            """,
            "CREATE TABLE checkpoints(size INTEGER PRIMARY KEY, root BLOB NOT NULL, created_at INTEGER NOT NULL)",
        ],

        // Version 4: jurisdictions and separate consent. An event and an effective record say whether the choice was
        // separate (none was before). The person's jurisdiction is a state row at the reserved key ('', ''): the
        // latest of their records that carries one, by rule 4; built here from the events already stored.
        [
            "ALTER TABLE events ADD COLUMN separate INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE state ADD COLUMN separate INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE state ADD COLUMN jurisdiction TEXT",
            BuildJurisdictions,
        ],

        // Version 5: events have kinds beyond consent (docs/protocol.md §2). A link or unlink keeps its alias; an erasure
        // its subject hash; a scrubbed event (its person erased) keeps, instead of its user id, evidence, alias and salt,
        // the commitments of its leaf. aliases holds the event that decides each alias (rule 4), with the person it
        // pointed to; tombstones the erased people by SHA-256 of their id; subjects finds a person's id from that hash,
        // filled here from the events already stored.
        [
            "ALTER TABLE events ADD COLUMN alias TEXT",
            "ALTER TABLE events ADD COLUMN subject_hash TEXT",
            "ALTER TABLE events ADD COLUMN scrubbed INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE events ADD COLUMN subject_commitment TEXT",
            "ALTER TABLE events ADD COLUMN evidence_commitment TEXT",
            "ALTER TABLE events ADD COLUMN alias_commitment TEXT",
            """
            CREATE TABLE aliases(
                alias TEXT PRIMARY KEY,
                user_id TEXT,
                linked INTEGER NOT NULL,
                event_id BLOB NOT NULL,
                occurred_at INTEGER NOT NULL) WITHOUT ROWID
            """,
            "CREATE INDEX aliases_by_user ON aliases(user_id)",
            """
            CREATE TABLE tombstones(
                subject_hash TEXT PRIMARY KEY,
                event_id BLOB NOT NULL,
                erased_at INTEGER NOT NULL) WITHOUT ROWID
            """,
            "CREATE TABLE subjects(subject_hash BLOB PRIMARY KEY, user_id TEXT NOT NULL) WITHOUT ROWID",
            "CREATE INDEX events_by_subject_hash ON events(subject_hash) WHERE subject_hash IS NOT NULL",
        ],

        // Version 6: preferences at send time. A grant may carry a frequency cap: on the event as written (the most sends
        // and the period's name), on the effective record packed in one integer for the gate (FrequencyCap.Pack, 0 for
        // none). send_ledger holds the reservations of the current periods, one row each, deleted when released or
        // when their periods are over.
        [
            "ALTER TABLE events ADD COLUMN frequency_max INTEGER",
            "ALTER TABLE events ADD COLUMN frequency_period TEXT",
            "ALTER TABLE state ADD COLUMN frequency INTEGER NOT NULL DEFAULT 0",
            """
            CREATE TABLE send_ledger(
                reservation_id BLOB PRIMARY KEY,
                user_id TEXT NOT NULL,
                purpose TEXT NOT NULL,
                channel TEXT NOT NULL,
                reserved_at INTEGER NOT NULL) WITHOUT ROWID
            """,
            "CREATE INDEX send_ledger_by_time ON send_ledger(reserved_at)",
            "CREATE INDEX send_ledger_by_user ON send_ledger(user_id)",
        ],
    ];

    /// <summary>
    /// Writes each person's jurisdiction row (the reserved key <c>('', '')</c>) from the events a store holds: the latest
    /// event that carries one, by rule 4. Used by the version 4 migration, and by tools that write rows directly.
    /// </summary>
    public const string BuildJurisdictions = """
        INSERT INTO state(user_id, purpose, channel, event_id, choice, policy_version, occurred_at, jurisdiction)
        SELECT user_id, '', '', id, choice, 0, occurred_at, jurisdiction FROM (
            SELECT user_id, id, choice, occurred_at, jurisdiction, row_number() OVER (
                PARTITION BY user_id
                ORDER BY occurred_at DESC, CASE WHEN choice IN (0, 1, 2) THEN choice ELSE 3 END DESC, id DESC) AS latest
            FROM events WHERE jurisdiction IS NOT NULL)
        WHERE latest = 1
        """;

    /// <summary>Work a migration does in code after its statements, in the same transaction.</summary>
    private static readonly Dictionary<int, Action<SqliteConnection>> CodeSteps = new()
    {
        [3] = Audit.StoreLogMigration.BuildLog,
        [5] = BuildSubjects,
    };

    /// <summary>One <c>subjects</c> row per person the events name: SHA-256 of the id, and the id.</summary>
    public static void BuildSubjects(SqliteConnection connection)
    {
        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = "SELECT DISTINCT user_id FROM events WHERE user_id <> ''";
        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO subjects(subject_hash, user_id) VALUES ($hash, $user)";
        SqliteParameter hash = insert.Parameters.Add("$hash", SqliteType.Blob);
        SqliteParameter user = insert.Parameters.Add("$user", SqliteType.Text);
        using SqliteDataReader reader = read.ExecuteReader();
        while (reader.Read())
        {
            string id = reader.GetString(0);
            hash.Value = Rights.SubjectKey.Of(id).ToBytes();
            user.Value = id;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Applies every migration above <paramref name="currentVersion"/>, each in its own transaction.</summary>
    /// <returns>The versions applied.</returns>
    public static IReadOnlyList<int> Migrate(SqliteConnection connection, int currentVersion)
    {
        var applied = new List<int>();
        for (int version = currentVersion + 1; version <= LatestVersion; version++)
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            foreach (string statement in Migrations[version - 1])
            {
                Sql.Execute(connection, statement);
            }

            if (CodeSteps.TryGetValue(version, out Action<SqliteConnection>? step))
            {
                step(connection);
            }

            // PRAGMA values cannot be parameters; both are integers this class owns.
            Sql.Execute(connection, $"PRAGMA application_id = {ApplicationId}");
            Sql.Execute(connection, $"PRAGMA user_version = {version}");
            transaction.Commit();
            applied.Add(version);
        }

        return applied;
    }
}
