using System.Diagnostics;
using Cpm.ReferenceServer;
using Cpm.Sdk.Testing.Shared;
using Xunit.Abstractions;

namespace Cpm.Sdk.IntegrationTests.Sync;

[Collection(HeavyTests.Name)]
public sealed class TwoInstanceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_withdrawal_recorded_at_B_is_denied_by_As_gate()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        await using CpmClient a = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "a.db"));
        await using CpmClient b = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "b.db"));
        a.InstanceId.Should().NotBe(b.InstanceId);

        ConsentRecord grant = await a.RecordAsync(new ConsentCapture("用户-张伟", "marketing", "*", ConsentChoice.Granted) { Source = "app" });
        await SyncHarness.EventuallyAsync(() => b.CanUse("用户-张伟", "marketing", "sms"), Deadline, "B sees A's grant");
        b.Evaluate("用户-张伟", "marketing", "sms").RecordId.Should().Be(grant.Id);
        await SyncHarness.EventuallyAsync(() => a.Status.State == SyncState.Online && b.Status.State == SyncState.Online, Deadline, "both online");

        var latencies = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            string user = $"user-{i}";
            await b.RecordAsync(new ConsentCapture(user, "marketing", "sms", ConsentChoice.Granted));
            await SyncHarness.EventuallyAsync(() => a.CanUse(user, "marketing", "sms"), Deadline, "A sees the grant");

            var watch = Stopwatch.StartNew();
            ConsentRecord withdrawal = await b.RecordAsync(new ConsentCapture(user, "marketing", "sms", ConsentChoice.Withdrawn) { Source = "web" });
            await SyncHarness.EventuallyAsync(() => !a.CanUse(user, "marketing", "sms"), Deadline, "A denies after B's withdrawal");
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            a.Evaluate(user, "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.Withdrawn, withdrawal.Id));
            (await a.GetHistoryAsync(user)).Select(r => r.Origin).Should().OnlyContain(origin => origin == b.InstanceId);
        }

        output.WriteLine($"B→A withdrawal latency over {latencies.Count}: min {latencies.Min():F0} ms, max {latencies.Max():F0} ms");
    }

    [Fact]
    public async Task A_topic_no_catalog_declares_syncs_between_instances_under_its_declared_ancestor()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        await using CpmClient a = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "a.db"));
        await using CpmClient b = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "b.db"));

        await a.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted));
        ConsentRecord topic = await a.RecordAsync(new ConsentCapture("alice", "marketing.promotions", "sms", ConsentChoice.Withdrawn));
        await SyncHarness.EventuallyAsync(
            () => b.Evaluate("alice", "marketing.promotions", "sms").RecordId == topic.Id, Deadline, "B decides the topic with A's withdrawal");

        b.CanUse("alice", "marketing.promotions", "sms").Should().BeFalse();
        b.CanUse("alice", "marketing", "sms").Should().BeTrue("the topic's withdrawal leaves its parent granted");
        a.Status.DeadLetterCount.Should().Be(0, "the endpoint accepted the topic");
    }
}
