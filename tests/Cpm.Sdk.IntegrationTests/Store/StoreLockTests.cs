using System.Diagnostics;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Store;

/// <summary>
/// One client per store file: a second open, in this process or another, fails with a clear error, and the first
/// client goes on working on an untouched file. The lock dies with its process, even by SIGKILL.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class StoreLockTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_second_client_in_the_same_process_is_refused_and_the_first_keeps_working()
    {
        using var store = new TempStore();
        await using CpmClient first = await store.OpenAsync();
        await first.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        byte[] database = await File.ReadAllBytesAsync(store.DatabasePath);
        byte[] log = await File.ReadAllBytesAsync(store.DatabasePath + "-wal");

        CpmStoreException refused = (await FluentActions.Awaiting(() => store.OpenAsync()).Should().ThrowAsync<CpmStoreException>()).Which;

        refused.Message.Should().Contain(store.DatabasePath).And.Contain("already open by another Cpm client")
            .And.Contain($"process {Environment.ProcessId}");
        (await File.ReadAllBytesAsync(store.DatabasePath)).Should().Equal(database, "the refused open must not touch the store");
        (await File.ReadAllBytesAsync(store.DatabasePath + "-wal")).Should().Equal(log);
        await first.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Withdrawn));
        first.CanUse("u1", "marketing", "sms").Should().BeFalse();
        (await first.GetHistoryAsync("u1")).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_second_client_through_a_symbolic_link_is_refused()
    {
        using var store = new TempStore();
        await using CpmClient first = await store.OpenAsync();
        string link = Path.Combine(store.Directory, "link.db");
        File.CreateSymbolicLink(link, store.DatabasePath);

        await FluentActions.Awaiting(() => CpmClient.OpenAsync(store.Options(configure: o => o.DatabasePath = link)))
            .Should().ThrowAsync<CpmStoreException>().WithMessage("*already open by another Cpm client*");
    }

    [Fact]
    public async Task A_store_held_by_another_process_is_refused_until_that_process_is_killed()
    {
        using var store = new TempStore();
        using Process child = StartCrashHost(store.DatabasePath);
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await ReadAcks(child, 20, timeout.Token);

            CpmStoreException refused = (await FluentActions.Awaiting(() => store.OpenAsync()).Should().ThrowAsync<CpmStoreException>()).Which;

            refused.Message.Should().Contain("already open by another Cpm client").And.Contain($"process {child.Id}");
            await ReadAcks(child, 20, timeout.Token); // the holder goes on recording after the refusal
        }
        finally
        {
            child.Kill(); // SIGKILL: no dispose, no unlock; the kernel drops the lock with the process.
            await child.WaitForExitAsync(timeout.Token);
        }

        await using CpmClient after = await store.OpenAsync();
        after.Status.OutboxDepth.Should().BeGreaterThanOrEqualTo(40, "what the killed holder acknowledged is in the store");
    }

    private static Process StartCrashHost(string databasePath)
    {
        // The host runs from its own output folder (same configuration), with its own dependencies beside it.
        string host = Path.Combine(
            AppContext.BaseDirectory.Replace("Cpm.Sdk.IntegrationTests", "Cpm.Sdk.CrashHost", StringComparison.Ordinal),
            "Cpm.Sdk.CrashHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(databasePath);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the crash host");
    }

    private static async Task ReadAcks(Process child, int count, CancellationToken cancellationToken)
    {
        for (int acks = 0; acks < count;)
        {
            string line = await child.StandardOutput.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException($"the holder exited early with code {(child.HasExited ? child.ExitCode : 0)}");
            acks += line.StartsWith("ack ", StringComparison.Ordinal) ? 1 : 0;
        }
    }
}
