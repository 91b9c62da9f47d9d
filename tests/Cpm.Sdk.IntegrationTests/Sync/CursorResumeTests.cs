using System.Diagnostics.Metrics;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>Runs alone, so the writer's commit metric it watches counts only this test's client.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WriterMetricTests
{
    public const string Name = "Writer metric";
}

/// <summary>Issue 6 §4 and §7: the cursor is saved with the merge, a restart resumes from it, and an empty pull writes nothing.</summary>
[Collection(WriterMetricTests.Name)]
public sealed class CursorResumeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Empty_pulls_submit_nothing_to_the_writer_and_a_restart_resumes_from_the_saved_cursor()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        await using (CpmClient b = CpmClient.Open(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "b.db"), null, null))
        {
            for (int i = 0; i < 20; i++)
            {
                await b.RecordAsync(new ConsentCapture($"user-{i}", "marketing", "sms", ConsentChoice.Granted));
            }

            (await b.SyncNowAsync()).Pushed.Should().Be(20);
        }

        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.PollWait = TimeSpan.FromSeconds(1);
        var file = new StoreFile(options.DatabasePath);
        string cursor;
        await using (CpmClient a = await CpmClient.OpenAsync(options))
        {
            await SyncHarness.EventuallyAsync(() => a.CanUse("user-19", "marketing", "sms") && file.Cursor is { Length: > 0 }, Deadline, "A pulls B's events");
            cursor = file.Cursor!;
            await SyncHarness.EventuallyAsync(() => server.Pulls.Any(r => r.After == cursor), Deadline, "A long-polls after the page");

            int commits = 0;
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Cpm.Sdk" && instrument.Name == "cpm.writer.batch_size")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref commits));
            listener.Start();
            int polls = server.Pulls.Count(r => r.After == cursor);
            await SyncHarness.EventuallyAsync(() => server.Pulls.Count(r => r.After == cursor) >= polls + 2, Deadline, "two more empty long polls");
            Volatile.Read(ref commits).Should().Be(0, "an empty pull submits nothing to the writer");
        }

        int pullsBefore = server.Pulls.Count;
        await using (CpmClient reopened = await CpmClient.OpenAsync(options))
        {
            await SyncHarness.EventuallyAsync(() => server.Pulls.Count > pullsBefore, Deadline, "the reopened client pulls");
            server.Pulls[pullsBefore].After.Should().Be(cursor, "a restart resumes after the events it already has, not from the start");
            (await reopened.SyncNowAsync()).Pulled.Should().Be(0);
        }
    }
}
