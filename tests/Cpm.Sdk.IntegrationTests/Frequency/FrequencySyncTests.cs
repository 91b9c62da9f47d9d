using Cpm.ReferenceServer;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Frequency;

/// <summary>
/// Across instances: a grant's frequency travels through the reference server and arrives with the same cap, in the
/// pulling instance's history, state and audit log; a later withdrawal made elsewhere clears it there too.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class FrequencySyncTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_capped_grant_syncs_with_its_frequency_and_a_later_withdrawal_from_elsewhere_clears_it()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        await using CpmClient a = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "a.db"));
        CpmOptions bOptions = SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "b.db");
        await using CpmClient b = await CpmClient.OpenAsync(bOptions);
        var cap = new FrequencyCap(2, FrequencyPeriod.Week);
        DateTimeOffset start = DateTimeOffset.UtcNow.AddHours(-2);

        ConsentRecord granted = await a.RecordAsync(new ConsentCapture("eva", "marketing", "sms", ConsentChoice.Granted) { Frequency = cap, OccurredAt = start });
        await SyncHarness.EventuallyAsync(() => b.Evaluate("eva", "marketing", "sms").RecordId == granted.Id, Deadline, "B has eva's capped grant");

        ConsentRecord pulled = (await b.GetHistoryAsync("eva")).Single();
        pulled.Frequency.Should().Be(cap);
        pulled.Origin.Should().Be(granted.Origin, "it was captured at A");
        Storage.IndexLoader.Load(bOptions.DatabasePath, new Gate.SymbolTable()).Get("eva")!.Single().Frequency
            .Should().Be(cap, "the pulled grant's cap is on B's effective record");
        (await b.VerifyAuditAsync()).IsIntact.Should().BeTrue("the pulled grant has the same leaf here as at A, frequency included");

        ConsentRecord withdrawn = await a.RecordAsync(new ConsentCapture("eva", "marketing", "sms", ConsentChoice.Withdrawn) { OccurredAt = start.AddHours(1) });
        await SyncHarness.EventuallyAsync(() => b.Evaluate("eva", "marketing", "sms").RecordId == withdrawn.Id, Deadline, "B has eva's withdrawal");

        (await b.GetHistoryAsync("eva")).Select(r => r.Frequency).Should().Equal(cap, null);
        Storage.IndexLoader.Load(bOptions.DatabasePath, new Gate.SymbolTable()).Get("eva")!.Single().Frequency.Should().BeNull();
        b.CanUse("eva", "marketing", "sms").Should().BeFalse();
        (await b.VerifyAuditAsync()).IsIntact.Should().BeTrue();
        (await a.VerifyAuditAsync()).IsIntact.Should().BeTrue();
    }
}
