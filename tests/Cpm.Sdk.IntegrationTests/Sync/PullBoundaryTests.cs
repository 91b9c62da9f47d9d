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

    public static TheoryData<string> PagesThatSayMoreButGiveNothing => new() { "empty page", "same cursor" };

    [Theory]
    [MemberData(nameof(PagesThatSayMoreButGiveNothing))]
    public async Task A_page_saying_more_is_ready_must_move_on_or_the_round_ends_with_a_protocol_error(string kind)
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Pull = ScriptedServer.Answer(200, WirePages.Empty("4"));
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        await using CpmClient client = CpmClient.Open(options, null, null);
        (await client.SyncNowAsync()).Status.LastError.Should().BeNull();
        server.Pull = ScriptedServer.Answer(200, kind == "empty page"
            ? WirePages.Empty("5", hasMore: true)
            : WirePages.Page([WirePages.Event("u-stuck")], "4", hasMore: true));

        SyncResult round = await client.SyncNowAsync();

        round.Status.LastError.Should().Contain(kind == "empty page" ? "hasMore is true but the page is empty" : "hasMore is true but the cursor did not advance");
        round.Status.State.Should().Be(SyncState.Offline);
        server.Pulls.Should().HaveCount(2, "the round stops at the broken page instead of asking again and again");
        new StoreFile(options.DatabasePath).Cursor.Should().Be("4", "a broken page is merged not at all");
        client.CanUse("u-stuck", "marketing", "sms").Should().BeFalse();
    }

    [Fact]
    public async Task A_round_pulls_every_page_while_more_are_ready_and_stops_at_the_last()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Pull = async (context, real) =>
        {
            string after = context.Request.Query["after"].ToString();
            string page = after switch
            {
                "" => WirePages.Page([WirePages.Event("u-1")], "1", hasMore: true),
                "1" => WirePages.Page([WirePages.Event("u-2"), WirePages.Event("u-3")], "2", hasMore: true),
                _ => WirePages.Page([WirePages.Event("u-4")], "3"),
            };
            await ScriptedServer.Answer(200, page)(context, real);
        };
        await using CpmClient client = CpmClient.Open(SyncHarness.ClientOptions(temp, server.BaseAddress), null, null);

        SyncResult round = await client.SyncNowAsync();

        round.Pulled.Should().Be(4, "the round adds up what every page merged");
        server.Pulls.Select(r => r.After).Should().Equal("", "1", "2");
        client.CanUse("u-4", "marketing", "sms").Should().BeTrue();
    }

    [Fact]
    public async Task A_page_without_a_cursor_is_a_protocol_error_and_merges_nothing()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        string events = WirePages.Page([WirePages.Event("u-nocursor")], "x");
        server.Pull = ScriptedServer.Answer(200, events.Replace("\"cursor\":\"x\",", "", StringComparison.Ordinal));
        await using CpmClient client = CpmClient.Open(SyncHarness.ClientOptions(temp, server.BaseAddress), null, null);

        SyncResult round = await client.SyncNowAsync();

        round.Status.LastError.Should().Contain("the answer has no cursor");
        round.Status.State.Should().Be(SyncState.Offline);
        client.CanUse("u-nocursor", "marketing", "sms").Should().BeFalse();
    }

    [Fact]
    public async Task A_page_without_an_events_list_is_an_empty_page_and_its_cursor_is_kept()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Pull = ScriptedServer.Answer(200, """{"cursor":"8","hasMore":false}""");
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        await using CpmClient client = CpmClient.Open(options, null, null);

        SyncResult round = await client.SyncNowAsync();

        round.Status.LastError.Should().BeNull();
        round.Pulled.Should().Be(0);
        new StoreFile(options.DatabasePath).Cursor.Should().Be("8");
    }

    [Fact]
    public async Task A_parked_event_keeps_an_id_of_up_to_64_characters_and_a_longer_one_is_parked_without_it()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        string longest = new('a', 64), tooLong = new('b', 65);
        WireEvent first = WirePages.Event("u-a"), second = WirePages.Event("u-b");
        first.Id = longest;
        second.Id = tooLong;
        server.Pull = ScriptedServer.Answer(200, WirePages.Page([first, second], "2"));
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        await using CpmClient client = CpmClient.Open(options, null, null);

        SyncResult round = await client.SyncNowAsync();

        round.Status.ParkedCount.Should().Be(2, "an event with a broken id is parked, never dropped");
        var file = new StoreFile(options.DatabasePath);
        file.Scalar("SELECT count(*) FROM parked_events WHERE id = '" + longest + "'").Should().Be(1L);
        file.Scalar("SELECT count(*) FROM parked_events WHERE id IS NULL").Should().Be(1L, "an over-long id is not kept as the parked event's key");
    }
}
