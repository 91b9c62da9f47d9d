using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>A store written before the audit log existed (schema version 2) gets salts, leaves and a checkpoint when it opens.</summary>
public sealed class StoreLogMigrationTests
{
    [Fact]
    public async Task A_version_2_store_becomes_a_verified_log_and_keeps_every_decision()
    {
        using var temp = new TempStore();
        await using (CpmClient cpm = await temp.OpenAsync())
        {
            for (int i = 0; i < 50; i++)
            {
                await cpm.RecordAsync(new ConsentCapture($"user-{i % 9}", "marketing", i % 3 == 0 ? "*" : "sms", (ConsentChoice)(i % 3)));
            }
        }

        var file = new AuditStoreFile(temp.DatabasePath);
        file.Sql(AuditStoreFile.UndoVersion6 + AuditStoreFile.UndoVersion5);
        file.Sql("""
            DROP TABLE merkle_nodes; DROP TABLE checkpoints;
            UPDATE events SET hash = NULL, prev_hash = NULL;
            ALTER TABLE events DROP COLUMN salt; ALTER TABLE events DROP COLUMN kind;
            DELETE FROM state WHERE purpose = '';
            ALTER TABLE events DROP COLUMN separate; ALTER TABLE state DROP COLUMN separate; ALTER TABLE state DROP COLUMN jurisdiction;
            PRAGMA user_version = 2;
            """);

        await using CpmClient migrated = await temp.OpenAsync();

        file.Scalar("PRAGMA user_version").Should().Be(Storage.Schema.LatestVersion);
        (await migrated.VerifyAuditAsync()).Should().Be(new AuditVerification(true, 50, null, null));
        (await migrated.GetCheckpointAsync()).Size.Should().Be(50);
        file.Scalar("SELECT count(DISTINCT salt) FROM events WHERE length(salt) = 16").Should().Be(50, "every old event gets its own random salt");
        file.Scalar("SELECT count(*) FROM events WHERE kind = 'consent'").Should().Be(50);
        migrated.CanUse("user-0", "marketing", "email").Should().Be(await AllowedAsync(migrated, "user-0"));

        await migrated.RecordAsync(new ConsentCapture("user-new", "marketing", "sms", ConsentChoice.Granted));
        (await migrated.VerifyAuditAsync()).Should().Be(new AuditVerification(true, 51, null, null));
    }

    private static async Task<bool> AllowedAsync(CpmClient cpm, string user)
    {
        // The decision the history implies for a channel only the wildcard covers.
        ConsentRecord? latest = (await cpm.GetHistoryAsync(user)).Where(r => r.Channel == "*").OrderBy(r => r.OccurredAt).ThenBy(r => (int)r.Choice).ThenBy(r => r.Id).LastOrDefault();
        return latest?.Choice == ConsentChoice.Granted;
    }
}
