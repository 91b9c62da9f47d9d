using Cpm.Sdk.Testing.Shared;

namespace Cpm.Cli.Tests;

/// <summary><c>cpm verify</c>: intact or the first bad index, with exit codes, reading the store without changing it.</summary>
public sealed class VerifyCommandTests
{
    [Fact]
    public async Task An_untouched_store_is_intact_exit_0_and_the_file_is_not_changed()
    {
        using var store = new TempStore();
        await Stores.PopulateAsync(store);
        var before = Stores.Snapshot(store);

        CliResult result = await CliRun.InProcessAsync("verify", "--db", store.DatabasePath);

        result.ExitCode.Should().Be(ExitCodes.Ok);
        result.Out.Should().StartWith("intact: 40 events checked").And.Contain("size 40");
        result.Error.Should().Contain("100%", "the progress bar ends full");
        Stores.Snapshot(store).Should().BeEquivalentTo(before, "verify opens read-only: same bytes, no -wal or -shm left");
    }

    [Theory]
    [InlineData("UPDATE events SET choice = 0 WHERE seq = 8", 7)]
    [InlineData("UPDATE events SET user_id = 'someone-else' WHERE seq = 13", 12)]
    [InlineData("UPDATE events SET occurred_at = occurred_at + 1000 WHERE seq = 21", 20)]
    [InlineData("DELETE FROM events WHERE seq = 30", 29)]
    public async Task A_hand_edit_is_caught_exit_1_with_its_index(string edit, long index)
    {
        using var store = new TempStore();
        await Stores.PopulateAsync(store);
        Stores.Edit(store, edit);

        CliResult result = await CliRun.InProcessAsync("verify", "--db", store.DatabasePath);

        result.ExitCode.Should().Be(ExitCodes.NotIntact);
        result.Out.Should().StartWith($"NOT INTACT: first bad index {index}:");
    }

    [Fact]
    public async Task The_installed_tool_reports_through_its_exit_code()
    {
        using var store = new TempStore();
        await Stores.PopulateAsync(store);

        CliResult intact = await CliRun.ProcessAsync("verify", "--db", store.DatabasePath);
        Stores.Edit(store, "UPDATE events SET choice = 2 WHERE seq = 1");
        CliResult edited = await CliRun.ProcessAsync("verify", "--db", store.DatabasePath);

        intact.ExitCode.Should().Be(0, intact.Error);
        intact.Out.Should().StartWith("intact: 40 events checked");
        intact.Error.Should().NotContain("%", "no progress bar when standard error is not a terminal");
        edited.ExitCode.Should().Be(1, edited.Error);
        edited.Out.Should().StartWith("NOT INTACT: first bad index 0:");
    }
}
