using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>An untouched store of 100,000 events, written by concurrent callers, verifies in full.</summary>
[Collection(HeavyTests.Name)]
public sealed class LargeStoreAuditTests
{
    [Fact]
    public async Task An_untouched_store_of_100000_events_verifies()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(configure: o => o.Durability = Durability.Normal);
        await Parallel.ForAsync(0, 100_000, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
            await cpm.RecordAsync(new ConsentCapture($"user-{i % 5000}", "marketing", "sms", (ConsentChoice)(i % 3)), ct));

        AuditVerification verification = await cpm.VerifyAuditAsync();

        verification.Should().Be(new AuditVerification(true, 100_000, null, null));
        (await cpm.GetCheckpointAsync()).Size.Should().Be(100_000);
    }
}
