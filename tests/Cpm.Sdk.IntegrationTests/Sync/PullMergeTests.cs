using System.Text.Json;
using Cpm.ReferenceServer;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>
/// Issue 6 §1, §2 and §5: pulled events are never skipped, the cursor passes only events that were merged or parked,
/// a failed merge does not move it, and pulled events are never refused for their time.
/// </summary>
public sealed class PullMergeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_invalid_pulled_event_is_parked_visibly_and_the_cursor_passes_it_only_as_parked()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        WireEvent before = WirePages.Event("u-before"), broken = WirePages.Event("u-broken", choice: "maybe"), after = WirePages.Event("u-after");
        server.Pull = async (context, _) =>
        {
            string page = context.Request.Query["after"] == "" ? WirePages.Page([before, broken, after], "3") : WirePages.Empty("3");
            await ScriptedServer.Answer(200, page)(context, _);
        };
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        var file = new StoreFile(options.DatabasePath);

        await using (CpmClient client = await CpmClient.OpenAsync(options))
        {
            await SyncHarness.EventuallyAsync(() => client.Status.ParkedCount == 1, Deadline, "the broken event is parked");
            client.CanUse("u-before", "marketing", "sms").Should().BeTrue("the events around it are merged");
            client.CanUse("u-after", "marketing", "sms").Should().BeTrue();
            file.Cursor.Should().Be("3", "the cursor moved past the broken event because it was parked, in the same transaction");

            DeadLetter parked = (await client.GetDeadLettersAsync()).Should().ContainSingle().Subject;
            parked.Kind.Should().Be(DeadLetterKind.Unmergeable);
            parked.EventId.Should().Be(Guid.Parse(broken.Id!));
            parked.Reason.Should().Contain("choice");
            parked.WireEvent.Should().Contain("\"maybe\"").And.Contain("u-broken");
            parked.Record.Should().BeNull();
            parked.ToString().Should().NotContain("u-broken", "a dead letter's text never shows personal data");
            await SyncHarness.EventuallyAsync(() => server.Pulls.Any(r => r.After == "3"), Deadline, "the next pull starts after the page");
        }

        int pullsBefore = server.Pulls.Count;
        await using (CpmClient reopened = await CpmClient.OpenAsync(options))
        {
            reopened.Status.ParkedCount.Should().Be(1, "parked events survive a restart");
            await SyncHarness.EventuallyAsync(() => server.Pulls.Count > pullsBefore, Deadline, "the reopened client pulls");
            server.Pulls[pullsBefore].After.Should().Be("3", "a restart resumes from the saved cursor");
        }
    }

    [Fact]
    public async Task Structurally_broken_pulled_events_are_parked_alone_and_never_stall_the_pull()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        WireEvent before = WirePages.Event("u-before"), after = WirePages.Event("u-after");
        string wrongType = JsonSerializer.Serialize(WirePages.Event("u-typed"), ProtocolJson.WireEvent)
            .Replace("\"choice\":\"granted\"", "\"choice\":0", StringComparison.Ordinal);
        string page = $$"""
            {"events":[{{Json(before)}},{{wrongType}},42,{"id":"not-an-object-id","choice":[]},{{Json(after)}}],"cursor":"5","hasMore":false}
            """;
        server.Pull = async (context, _) =>
            await ScriptedServer.Answer(200, context.Request.Query["after"] == "" ? page : WirePages.Empty("5"))(context, _);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);

        await using CpmClient client = await CpmClient.OpenAsync(options);
        await SyncHarness.EventuallyAsync(() => client.Status.ParkedCount == 3, Deadline, "the three broken events are parked");
        client.CanUse("u-before", "marketing", "sms").Should().BeTrue();
        client.CanUse("u-after", "marketing", "sms").Should().BeTrue();
        client.CanUse("u-typed", "marketing", "sms").Should().BeFalse();
        new StoreFile(options.DatabasePath).Cursor.Should().Be("5");
        IReadOnlyList<DeadLetter> parked = await client.GetDeadLettersAsync();
        parked.Select(p => p.Reason).Should().Contain(r => r.Contains("choice", StringComparison.Ordinal))
            .And.Contain(r => r.Contains("not a JSON object", StringComparison.Ordinal));
        parked.Select(p => p.WireEvent).Should().Contain("42").And.Contain(w => w!.Contains("\"choice\":0", StringComparison.Ordinal));
        client.Status.State.Should().NotBe(SyncState.Offline, "a broken event is the event's problem, not the page's");

        static string Json(WireEvent e) => JsonSerializer.Serialize(e, ProtocolJson.WireEvent);
    }

    [Fact]
    public async Task A_merge_the_store_refuses_leaves_the_cursor_where_it_was_and_the_loop_recovers()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        var file = new StoreFile(options.DatabasePath);
        CpmClient a = await CpmClient.OpenAsync(options);
        await using (a)
        {
            await SyncHarness.EventuallyAsync(() => a.Status.State == SyncState.Online && file.Cursor is not null, Deadline, "A online with a cursor");
            string cursor = file.Cursor!;
            file.Execute($"CREATE TRIGGER refuse_merge BEFORE INSERT ON events WHEN NEW.origin <> '{a.InstanceId}' BEGIN SELECT RAISE(ABORT, 'merge refused'); END");

            await using (CpmClient b = CpmClient.Open(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "b.db"), null, null))
            {
                await b.RecordAsync(new ConsentCapture("u-remote", "marketing", "sms", ConsentChoice.Granted));
                (await b.SyncNowAsync()).Pushed.Should().Be(1);
            }

            await SyncHarness.EventuallyAsync(
                () => a.Status.LastError?.Contains("failed to commit", StringComparison.Ordinal) == true, Deadline, "A reports the failed merge");
            a.Status.State.Should().Be(SyncState.Offline);
            file.Cursor.Should().Be(cursor, "a merge that did not commit does not move the cursor");
            a.CanUse("u-remote", "marketing", "sms").Should().BeFalse();
            (await a.SyncNowAsync()).Status.State.Should().Be(SyncState.Offline, "SyncNowAsync reports the failure instead of throwing");

            file.Execute("DROP TRIGGER refuse_merge");
            await SyncHarness.EventuallyAsync(() => a.CanUse("u-remote", "marketing", "sms"), Deadline, "the loop merges once the store accepts it");
            await SyncHarness.EventuallyAsync(() => a.Status is { State: SyncState.Online, LastError: null }, Deadline, "A online again");
            file.Cursor.Should().NotBe(cursor);
        }

        file.WalGone.Should().BeTrue("closing the client closes the store");
    }

    [Fact]
    public async Task A_withdrawal_from_an_instance_whose_clock_is_six_minutes_ahead_reaches_the_gate()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        var behind = new FakeTimeProvider(TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(6));
        CpmOptions aOptions = SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "a.db");
        aOptions.TimeProvider = behind;
        await using CpmClient a = CpmClient.Open(aOptions, null, null);
        await using CpmClient b = CpmClient.Open(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "b.db"), null, null);

        await a.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        (await a.SyncNowAsync()).Pushed.Should().Be(1);
        ConsentRecord withdrawal = await b.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Withdrawn));
        (await b.SyncNowAsync()).Pushed.Should().Be(1);

        SyncResult pulled = await a.SyncNowAsync();

        pulled.Pulled.Should().Be(1, "a pulled event is another touchpoint's fact, never refused for its time");
        a.Evaluate("u1", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.Withdrawn, withdrawal.Id));
        pulled.Status.ParkedCount.Should().Be(0);
    }

    public static TheoryData<string> EndlessPages => new() { "empty page", "same cursor" };

    [Theory]
    [MemberData(nameof(EndlessPages))]
    public async Task HasMore_true_forever_is_a_protocol_error_not_a_hot_loop(string kind)
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        string page = kind == "empty page" ? WirePages.Empty("7", hasMore: true) : WirePages.Page([WirePages.Event("u1")], "1", hasMore: true);
        server.Pull = ScriptedServer.Answer(200, page);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        await using CpmClient client = await CpmClient.OpenAsync(options);

        await SyncHarness.EventuallyAsync(() => client.Status.LastError?.Contains("hasMore", StringComparison.Ordinal) == true, Deadline, "a protocol error");
        client.Status.State.Should().Be(SyncState.Offline);
        using (var bounded = new CancellationTokenSource(Deadline))
        {
            (await client.SyncNowAsync(bounded.Token)).Status.LastError.Should().Contain("hasMore", "a manual round ends too");
        }

        // A fixed observation window: each protocol error backs off for MaxBackoff, so the count is bounded.
        TimeSpan window = TimeSpan.FromSeconds(3);
        int before = server.Pulls.Count;
        await Task.Delay(window);
        (server.Pulls.Count - before).Should().BeLessThanOrEqualTo((int)(window / options.MaxBackoff) + 2, "protocol errors back off, never spin");

        server.Pull = null;
        await SyncHarness.EventuallyAsync(() => client.Status is { State: SyncState.Online, LastError: null }, Deadline, "online once the endpoint behaves");
    }

    [Fact]
    public async Task A_cursor_the_endpoint_refuses_is_reset_and_the_pull_starts_over()
    {
        using var temp = new TempStore();
        string endpointAuthority;
        CpmOptions options;
        await using (ScriptedServer first = await ScriptedServer.StartAsync(Path.Combine(temp.Directory, "first")))
        {
            endpointAuthority = first.BaseAddress.GetLeftPart(UriPartial.Authority);
            await PushAsync(temp, first.BaseAddress, "b.db", 10);
            options = SyncHarness.ClientOptions(temp, first.BaseAddress);
            await using CpmClient a = CpmClient.Open(options, null, null);
            (await a.SyncNowAsync()).Pulled.Should().Be(10);
        }

        // The endpoint is restored from an older backup: A's cursor is ahead of everything it holds.
        await using ScriptedServer restored = await ScriptedServer.StartAsync(Path.Combine(temp.Directory, "restored"), url: endpointAuthority);
        await PushAsync(temp, restored.BaseAddress, "c.db", 3);
        await using CpmClient reopened = CpmClient.Open(options, null, null);

        SyncResult result = await reopened.SyncNowAsync();

        result.Pulled.Should().Be(3, "after the reset the pull starts from the beginning");
        result.Status.State.Should().Be(
            SyncState.HistoryRewritten, "the endpoint's log is not the one this instance kept a checkpoint of (docs/protocol.md §9): pulls stop after this round");
        restored.Pulls.Select(r => r.After).Should().EndWith(["10", ""], "the refused cursor, then the empty one");
        new StoreFile(options.DatabasePath).Cursor.Should().Be("3");

        static async Task PushAsync(TempStore temp, Uri endpoint, string database, int count)
        {
            await using CpmClient writer = CpmClient.Open(SyncHarness.ClientOptions(temp, endpoint, databaseName: database), null, null);
            for (int i = 0; i < count; i++)
            {
                await writer.RecordAsync(new ConsentCapture($"{database}-user-{i}", "marketing", "sms", ConsentChoice.Granted));
            }

            (await writer.SyncNowAsync()).Pushed.Should().Be(count);
        }
    }
}
