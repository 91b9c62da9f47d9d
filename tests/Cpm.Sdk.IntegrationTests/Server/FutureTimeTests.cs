using System.Text.Json.Nodes;
using Cpm.ReferenceServer;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// How the server treats an <c>occurredAt</c> ahead of its clock (docs/protocol.md §2): a refusal is never rejected
/// for its time, so a fast client clock cannot lose a withdrawal; a grant more than 5 minutes ahead is rejected, so a
/// fast clock cannot make a grant outrank later withdrawals.
/// </summary>
[Collection(ServerTests.Name)]
public sealed class FutureTimeTests
{
    private static readonly TimeSpan SixMinutes = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task Refusals_ahead_of_the_server_clock_are_stored_and_pullable_and_a_grant_6_minutes_ahead_is_rejected()
    {
        await using RawServer server = await RawServer.StartAsync();
        DateTimeOffset ahead = RawServer.ServerNow + SixMinutes;
        JsonObject withdrawal = RawServer.Event("withdrawn", ahead);
        JsonObject denial = RawServer.Event("denied", RawServer.ServerNow + TimeSpan.FromDays(365));
        JsonObject grant = RawServer.Event("granted", ahead);
        JsonObject grantAtTheLimit = RawServer.Event("granted", RawServer.ServerNow + TimeSpan.FromMinutes(5));

        JsonArray results = await server.PushResultsAsync(RawServer.Body(
            RawServer.Text(withdrawal), RawServer.Text(denial), RawServer.Text(grant), RawServer.Text(grantAtTheLimit)));

        results.Select(r => r!["status"]!.GetValue<string>()).Should().Equal("accepted", "accepted", "rejected", "accepted");
        results[2]!["error"]!.GetValue<string>().Should()
            .Be("occurredAt is more than 5 minutes ahead of the server clock; fix the client clock and requeue");
        JsonArray pulled = await server.PullAllAsync();
        pulled.Select(e => e!["id"]!.ToString()).Should().Equal(withdrawal["id"]!.ToString(), denial["id"]!.ToString(), grantAtTheLimit["id"]!.ToString());
        pulled[0]!["occurredAt"]!.GetValue<string>().Should().Be("2026-11-23T12:06:00.000Z", "the time is kept as sent");
    }

    [Fact]
    public async Task A_rejected_future_grant_is_accepted_when_requeued_once_the_server_clock_has_caught_up()
    {
        await using RawServer server = await RawServer.StartAsync();
        string grant = RawServer.Text(RawServer.Event("granted", RawServer.ServerNow + SixMinutes));
        (await server.PushResultsAsync(RawServer.Body(grant)))[0]!["status"]!.GetValue<string>().Should().Be("rejected");

        server.Clock.Advance(TimeSpan.FromMinutes(1));

        (await server.PushResultsAsync(RawServer.Body(grant)))[0]!["status"]!.GetValue<string>().Should().Be("accepted");
        server.Host.EventCount().Should().Be(1);
    }

    [Fact]
    public async Task A_client_6_minutes_fast_delivers_its_withdrawal_and_keeps_its_grant_as_a_visible_dead_letter()
    {
        using var temp = new TempStore();
        var serverClock = new FakeTimeProvider(RawServer.ServerNow);
        await using ReferenceServerHost server = await ReferenceServerHost.StartAsync(new ReferenceServerOptions
        {
            DatabasePath = Path.Combine(temp.Directory, "server.db"),
            ApiKeys = [RawServer.ApiKey],
            Purposes = [new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent }],
            Channels = ["sms", "email"],
            TimeProvider = serverClock,
        });
        var fastClock = new FakeTimeProvider(RawServer.ServerNow + SixMinutes);
        await using CpmClient client = await CpmClient.OpenAsync(temp.Options(fastClock, o =>
        {
            o.Endpoint = server.BaseAddress;
            o.ApiKey = RawServer.ApiKey;
            o.RequestTimeout = TimeSpan.FromSeconds(2);
            o.MaxBackoff = TimeSpan.FromMilliseconds(500);
        }));

        ConsentRecord withdrawal = await client.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Withdrawn));
        ConsentRecord grant = await client.RecordAsync(new ConsentCapture("u2", "marketing", "sms", ConsentChoice.Granted));
        await Sync.SyncHarness.EventuallyAsync(() => client.Status.OutboxDepth == 0, TimeSpan.FromSeconds(30), "the outbox drains");

        server.EventIds().Should().Equal([withdrawal.Id], "a refusal from a fast clock is still a refusal and is never lost");
        client.Status.DeadLetterCount.Should().Be(1, "the early grant is kept, visible, for a requeue once the clock is fixed");
        (await client.GetHistoryAsync("u2")).Select(r => r.Id).Should().Equal(grant.Id);
    }
}
