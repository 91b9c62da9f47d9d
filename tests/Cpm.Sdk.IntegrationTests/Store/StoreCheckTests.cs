using Cpm.Sdk.IntegrationTests.Rights;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.IntegrationTests.Store;

/// <summary>
/// The integrity check is split, never weakened: what the gate reads (<c>state</c>, <c>aliases</c>, <c>tombstones</c>) is checked before
/// <see cref="CpmClient.OpenAsync"/> returns and a damaged page there refuses the file; the rest of the file (the
/// append-only events) is checked in the background, and damage there shows in <see cref="SyncStatus"/> and an Error log.
/// </summary>
public sealed class StoreCheckTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_damaged_state_page_still_refuses_the_open_and_leaves_the_file_untouched()
    {
        using var store = new TempStore();
        await Populate(store);
        await DamagedPageRefusesTheOpenUntouched(store, "state", () => store.OpenAsync());
    }

    [Theory]
    [InlineData("aliases")]
    [InlineData("tombstones")]
    public async Task A_damaged_page_of_what_the_gate_reads_about_aliases_and_erasures_refuses_the_open_and_leaves_the_file_untouched(string table)
    {
        using var store = new TempStore();
        await using (CpmClient cpm = await store.OpenRightsAsync())
        {
            for (int i = 0; i < 200; i++)
            {
                await cpm.RecordAsync(new ConsentCapture($"user-{i}", "marketing", "sms", ConsentChoice.Granted));
                await cpm.LinkAsync($"user-{i}", $"phone:+86138{i:D8}");
                if (i % 2 == 0)
                {
                    await cpm.EraseAsync($"user-{i}");
                }
            }
        }

        await DamagedPageRefusesTheOpenUntouched(store, table, () => store.OpenRightsAsync());
    }

    [Fact]
    public async Task A_damaged_events_page_opens_and_the_background_check_reports_it_without_touching_the_file()
    {
        using var store = new TempStore();
        await Populate(store);
        Damage(store.DatabasePath, StoreFile.RootPage(store.DatabasePath, "events"));
        byte[] before = await File.ReadAllBytesAsync(store.DatabasePath);
        using var logs = new LogCapture();

        using (CpmClient cpm = CpmClient.Open(store.Options(), logs.Factory(), httpClientFactory: null))
        {
            cpm.CanUse("user-7", "marketing", "sms").Should().BeTrue("the gate answers from the state, checked before open returned");
            await SyncHarness.EventuallyAsync(() => cpm.Status.StoreCheck != StoreCheckState.Running, Deadline, "the background check ends");

            cpm.Status.StoreCheck.Should().Be(StoreCheckState.Failed);
            cpm.Status.StoreProblem.Should().Contain("integrity check");
            logs.Entries.Should().Contain(e => e.Level == LogLevel.Error && e.Message.Contains("background integrity check"));

            // The audit log's end lives on the damaged page: appending blind would break the chain, so writes fail loudly.
            CpmStoreException write = (await FluentActions.Awaiting(() => cpm.RecordAsync(
                new ConsentCapture("user-7", "marketing", "sms", ConsentChoice.Withdrawn)).AsTask()).Should().ThrowAsync<CpmStoreException>()).Which;
            write.ToString().Should().Contain("audit log could not be read");
            cpm.CanUse("user-7", "marketing", "sms").Should().BeTrue("a failed write changes nothing");
            await FluentActions.Awaiting(() => cpm.GetCheckpointAsync()).Should().ThrowAsync<CpmStoreException>();
        }

        (await File.ReadAllBytesAsync(store.DatabasePath)).Should().Equal(before, "the check reads only; it never repairs or rewrites");
    }

    [Fact]
    public async Task A_healthy_store_passes_the_background_check_and_a_new_one_has_nothing_to_check()
    {
        using var store = new TempStore();
        await using (CpmClient created = await store.OpenAsync())
        {
            created.Status.StoreCheck.Should().Be(StoreCheckState.Passed, "a store created by this open holds nothing to check");
            await created.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        }

        await using CpmClient reopened = await store.OpenAsync();
        await SyncHarness.EventuallyAsync(() => reopened.Status.StoreCheck != StoreCheckState.Running, Deadline, "the background check ends");
        reopened.Status.StoreCheck.Should().Be(StoreCheckState.Passed);
        reopened.Status.StoreProblem.Should().BeNull();
    }

    /// <summary>Damages <paramref name="table"/>'s root page, then expects <paramref name="open"/> to refuse the file and leave it and its folder as they were.</summary>
    private static async Task DamagedPageRefusesTheOpenUntouched(TempStore store, string table, Func<Task<CpmClient>> open)
    {
        Damage(store.DatabasePath, StoreFile.RootPage(store.DatabasePath, table));
        byte[] before = await File.ReadAllBytesAsync(store.DatabasePath);
        string[] filesBefore = Directory.GetFiles(store.Directory);

        CpmStoreException refused = (await FluentActions.Awaiting(open).Should().ThrowAsync<CpmStoreException>()).Which;

        refused.Message.Should().Contain(store.DatabasePath).And.Contain("left untouched");
        (await File.ReadAllBytesAsync(store.DatabasePath)).Should().Equal(before);
        Directory.GetFiles(store.Directory).Should().BeEquivalentTo(filesBefore, "no journal, log or lock file is left behind");
    }

    private static async Task Populate(TempStore store)
    {
        await using CpmClient cpm = await store.OpenAsync();
        for (int i = 0; i < 400; i++)
        {
            await cpm.RecordAsync(new ConsentCapture($"user-{i}", "marketing", "sms", ConsentChoice.Granted)
            {
                Evidence = new Dictionary<string, string> { ["text"] = new string('e', 200) },
            });
        }
    }

    /// <summary>Overwrites page <paramref name="page"/> (1-based, 4 KiB pages) with garbage.</summary>
    private static void Damage(string path, long page)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = (page - 1) * 4096;
        file.Write(Enumerable.Repeat((byte)0xA5, 4096).ToArray());
    }
}
