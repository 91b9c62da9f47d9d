using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests;

[Collection(HeavyTests.Name)]
public sealed class ConcurrentWriterTests
{
    private const int Writers = 8;
    private const int RecordsPerWriter = 1_000;
    private static readonly string[] Channels = ["sms", "email", "wechat", "*"];

    [Fact]
    public async Task Eight_writers_times_a_thousand_all_land_and_the_gate_agrees_with_the_history()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync();
        DateTimeOffset start = DateTimeOffset.UtcNow.AddHours(-1);

        // Shared users across writers, timestamps drawn from a small range so ties and '*' races are frequent.
        ConsentRecord[][] acknowledged = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var rng = new Random(writer);
            var mine = new ConsentRecord[RecordsPerWriter];
            for (int i = 0; i < RecordsPerWriter; i++)
            {
                mine[i] = await cpm.RecordAsync(new ConsentCapture(
                    $"user-{rng.Next(100)}",
                    "marketing",
                    Channels[rng.Next(Channels.Length)],
                    (ConsentChoice)rng.Next(3))
                {
                    OccurredAt = start.AddMilliseconds(rng.Next(0, 2_000)),
                });
            }

            return mine;
        })));

        ConsentRecord[] all = acknowledged.SelectMany(r => r).ToArray();
        var acknowledgedIds = all.Select(r => r.Id).ToHashSet();
        acknowledgedIds.Should().HaveCount(Writers * RecordsPerWriter, "every acknowledged record has its own id");
        cpm.Status.OutboxDepth.Should().Be(Writers * RecordsPerWriter);

        var histories = new Dictionary<string, IReadOnlyList<ConsentRecord>>();
        foreach (string user in all.Select(r => r.UserId).Distinct())
        {
            histories[user] = await cpm.GetHistoryAsync(user);
        }

        Guid[] stored = histories.Values.SelectMany(h => h).Select(r => r.Id).ToArray();
        stored.Should().HaveCount(acknowledgedIds.Count);
        acknowledgedIds.SetEquals(stored).Should().BeTrue("the history holds exactly the acknowledged records");
        AssertGateAgreesWithHistory(cpm, histories);

        await cpm.DisposeAsync(); // one client per store file
        await using CpmClient reopened = await CpmClient.OpenAsync(store.Options());
        AssertGateAgreesWithHistory(reopened, histories);
    }

    [Fact]
    public async Task Each_caller_reads_its_own_write_the_moment_record_returns()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var rng = new Random(100 + writer);
            for (int i = 0; i < 250; i++)
            {
                // Each writer owns its users, and later captures carry later times, so its own write must decide.
                string user = $"w{writer}-u{rng.Next(10)}";
                string channel = rng.Next(2) == 0 ? "sms" : "*";
                ConsentRecord record = await cpm.RecordAsync(new ConsentCapture(user, "marketing", channel, (ConsentChoice)rng.Next(3))
                {
                    OccurredAt = DateTimeOffset.UnixEpoch.AddDays(20_000).AddSeconds(i),
                });

                ConsentDecision decision = cpm.Evaluate(user, "marketing", "sms");
                decision.RecordId.Should().Be(record.Id);
                decision.IsAllowed.Should().Be(record.Choice == ConsentChoice.Granted);
            }
        })));
    }

    private static void AssertGateAgreesWithHistory(CpmClient cpm, Dictionary<string, IReadOnlyList<ConsentRecord>> histories)
    {
        foreach ((string user, IReadOnlyList<ConsentRecord> history) in histories)
        {
            foreach (string channel in new[] { "sms", "email", "wechat", "app-push" })
            {
                ConsentDecision decision = cpm.Evaluate(user, "marketing", channel);
                (bool allowed, Guid? recordId) = HistoryOracle.Decide(history, "marketing", channel);
                decision.RecordId.Should().Be(recordId, $"{user}/{channel}");
                decision.IsAllowed.Should().Be(allowed, $"{user}/{channel}");
            }
        }
    }
}
