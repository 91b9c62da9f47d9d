using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>
/// The edges of one pull (docs/protocol.md §4), one manual round at a time: the longest cursor kept, a refused first
/// pull, a page of events that keeps the cursor it had, and the counts a round reports.
/// </summary>
public sealed class PullBoundaryTests
{
    [Fact]
    public async Task A_cursor_of_the_longest_length_is_kept_and_a_longer_one_is_a_protocol_error_that_merges_nothing()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        string longest = new('c', 1024), tooLong = new('d', 1025);
        server.Pull = ScriptedServer.Answer(200, WirePages.Page([WirePages.Event("u-first")], longest));
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        await using CpmClient client = CpmClient.Open(options, null, null);

        SyncResult kept = await client.SyncNowAsync();

        kept.Pulled.Should().Be(1);
        kept.Status.LastError.Should().BeNull();
        new StoreFile(options.DatabasePath).Cursor.Should().Be(longest);
        server.Pull = ScriptedServer.Answer(200, WirePages.Page([WirePages.Event("u-second")], tooLong));

        SyncResult refused = await client.SyncNowAsync();

        refused.Status.LastError.Should().Contain("longer than 1024 characters");
        refused.Status.State.Should().Be(SyncState.Offline);
        client.CanUse("u-second", "marketing", "sms").Should().BeFalse("a page that breaks the protocol is merged not at all");
        new StoreFile(options.DatabasePath).Cursor.Should().Be(longest);
        server.Pulls[^1].After.Should().Be(longest, "the saved cursor is sent back whole");
    }

    [Fact]
    public async Task A_400_to_the_first_pull_is_a_failure_not_a_cursor_reset_and_not_retried()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Pull = ScriptedServer.Answer(400, """{"error":"limit out of range"}""");
        await using CpmClient client = CpmClient.Open(SyncHarness.ClientOptions(temp, server.BaseAddress), null, null);

        SyncResult round = await client.SyncNowAsync();

        round.Status.State.Should().Be(SyncState.Offline);
        round.Status.LastError.Should().Contain("pull failed").And.Contain("limit out of range");
        server.Pulls.Should().ContainSingle("there is no cursor to reset, so the refusal is not retried at once");
    }

    [Fact]
    public async Task Events_on_a_page_that_keeps_the_cursor_are_merged_and_counted()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Pull = ScriptedServer.Answer(200, WirePages.Empty("5"));
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        await using CpmClient client = CpmClient.Open(options, null, null);
        (await client.SyncNowAsync()).Pulled.Should().Be(0);
        new StoreFile(options.DatabasePath).Cursor.Should().Be("5", "an empty page that moves the cursor is saved");
        WireEvent late = WirePages.Event("u-late"), broken = WirePages.Event("u-broken", choice: "maybe");
        server.Pull = ScriptedServer.Answer(200, WirePages.Page([late, broken], "5"));

        SyncResult round = await client.SyncNowAsync();

        round.Pulled.Should().Be(1, "events are merged even when the endpoint hands out the same cursor again");
        round.Status.ParkedCount.Should().Be(1);
        client.CanUse("u-late", "marketing", "sms").Should().BeTrue();
    }
}
