using Cpm.ReferenceServer;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests;

/// <summary>
/// Core rule 2, proved with real processes: a child records in a loop and prints each acknowledged id; it is killed
/// with SIGKILL mid-stream; the reopened store holds every acknowledged id, and state agrees with the events.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class CrashTests
{
    [Fact]
    public async Task Every_acknowledged_record_survives_sigkill_five_times_over()
    {
        using var store = new TempStore();
        var acknowledged = new HashSet<Guid>();
        var rng = new Random(11);

        for (int round = 0; round < 5; round++)
        {
            int killAfter = rng.Next(100, 600);
            IReadOnlyList<Guid> acks = await CrashHostProcess.RunAndKill(killAfter, store.DatabasePath);
            acks.Count.Should().BeGreaterThanOrEqualTo(killAfter, $"round {round} must have been killed mid-stream");
            acknowledged.UnionWith(acks);

            await using CpmClient reopened = await CpmClient.OpenAsync(Options(store.DatabasePath));
            var stored = new HashSet<Guid>();
            foreach (string user in Users())
            {
                IReadOnlyList<ConsentRecord> history = await reopened.GetHistoryAsync(user);
                stored.UnionWith(history.Select(r => r.Id));
                foreach (string channel in new[] { "sms", "email" })
                {
                    (bool allowed, Guid? recordId) = HistoryOracle.Decide(history, "marketing", channel);
                    reopened.Evaluate(user, "marketing", channel).RecordId.Should().Be(recordId, "state must match the events after a crash");
                    reopened.CanUse(user, "marketing", channel).Should().Be(allowed);
                }
            }

            acknowledged.Except(stored).Should().BeEmpty($"round {round}: every acknowledged id must be in the reopened store");
            reopened.Status.OutboxDepth.Should().Be(stored.Count, "every stored capture is queued for delivery");
        }

        // After the crashes, one sync delivers every acknowledged id to the server exactly once.
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(store.Directory);
        CpmOptions synced = Options(store.DatabasePath);
        synced.Endpoint = server.BaseAddress;
        synced.ApiKey = SyncHarness.ApiKey;
        await using CpmClient client = await CpmClient.OpenAsync(synced);
        SyncResult result = await client.SyncNowAsync();

        result.Status.OutboxDepth.Should().Be(0, result.Status.LastError);
        IReadOnlyList<Guid> onServer = server.EventIds();
        onServer.Should().OnlyHaveUniqueItems();
        acknowledged.Except(onServer).Should().BeEmpty("the server holds every acknowledged id");
    }

    private static CpmOptions Options(string path) => new()
    {
        DatabasePath = path,
        Purposes = { new PurposeDefinition { Id = "marketing" } },
        Channels = { "sms", "email" },
    };

    private static IEnumerable<string> Users() =>
        Enumerable.Range(0, 4).SelectMany(caller => Enumerable.Range(0, 50).Select(i => $"crash-{caller}-{i}"));
}
