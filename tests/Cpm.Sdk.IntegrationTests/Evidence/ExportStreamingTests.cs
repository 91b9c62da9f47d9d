using System.Text.Json;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>
/// Exports stream: rows reach the destination in small writes as they are read (memory stays flat; the 1,000,000-row
/// case is in the benchmarks), and an export reads one snapshot beside the writer without holding it up.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class ExportStreamingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_large_export_reaches_the_stream_in_small_writes()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(configure: o => o.Durability = Durability.Normal);
        await RecordManyAsync(cpm, 20_000);

        var sink = new RecordingStream();
        ExportSummary summary = await cpm.ExportAsync(new ExportQuery(), sink, ExportFormat.Csv);

        summary.Count.Should().Be(20_000);
        sink.Length.Should().BeGreaterThan(2_000_000);
        sink.Writes.Should().HaveCountGreaterThan(20, "the rows go out as the buffer fills, not at the end");
        sink.Writes.Max().Should().BeLessThan(80 * 1024, "no write holds more than the buffer and one row");
        sink.Writes.Sum(w => (long)w).Should().Be(sink.Length);
        EvidenceFiles.ReadCsv(sink.ToArray()).Rows.Should().HaveCount(20_000);
    }

    [Fact]
    public async Task An_export_reads_one_snapshot_beside_the_writer_without_holding_it_up()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(configure: o => o.Durability = Durability.Normal);
        await RecordManyAsync(cpm, 2_000);
        var firstWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new RecordingStream(async () =>
        {
            firstWrite.TrySetResult();
            await release.Task;
        });

        Task<ExportSummary> export = cpm.ExportAsync(new ExportQuery(), sink, ExportFormat.JsonLines);
        await firstWrite.Task.WaitAsync(Deadline);
        export.IsCompleted.Should().BeFalse("the first write waits, mid-export");
        ConsentRecord during = await cpm.RecordAsync(new ConsentCapture("during-export", "marketing", "sms", ConsentChoice.Withdrawn))
            .AsTask().WaitAsync(Deadline);
        release.SetResult();
        ExportSummary summary = await export.WaitAsync(Deadline);

        summary.Count.Should().Be(2_000);
        summary.Checkpoint.Size.Should().Be(2_000, "the checkpoint is the one of the snapshot the rows were read from");
        List<JsonElement> lines = EvidenceFiles.ReadJsonLines(sink.ToArray());
        lines.Should().HaveCount(2_001);
        lines.Select(l => l.TryGetProperty("id", out JsonElement id) ? id.GetString() : null).Should().NotContain(during.Id.ToString());
        (await cpm.GetCheckpointAsync()).Size.Should().Be(2_001);
    }

    [Fact]
    public async Task A_cancelled_export_stops_and_leaves_the_store_as_it_was()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(configure: o => o.Durability = Durability.Normal);
        await RecordManyAsync(cpm, 2_000);
        AuditCheckpoint before = await cpm.GetCheckpointAsync();
        using var cancel = new CancellationTokenSource();
        var sink = new RecordingStream(() =>
        {
            cancel.Cancel();
            return Task.CompletedTask;
        });

        Func<Task> export = () => cpm.ExportAsync(new ExportQuery(), sink, ExportFormat.Csv, cancel.Token);

        await export.Should().ThrowAsync<OperationCanceledException>();
        sink.Writes.Should().ContainSingle("nothing is written after the cancellation");
        (await cpm.GetCheckpointAsync()).Should().BeEquivalentTo(before);
        (await cpm.RecordAsync(new ConsentCapture("after", "marketing", "sms", ConsentChoice.Granted))).Should().NotBeNull();
    }

    private static async Task RecordManyAsync(CpmClient cpm, int count)
    {
        const int Callers = 64;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async caller =>
        {
            for (int i = caller; i < count; i += Callers)
            {
                await cpm.RecordAsync(new ConsentCapture($"user-{i:D6}", "marketing", i % 2 == 0 ? "sms" : "email", ConsentChoice.Granted)
                {
                    Source = "web",
                    Jurisdiction = "PIPL",
                    Evidence = new Dictionary<string, string> { ["ip"] = "10.0.0.1", ["userAgent"] = "Mozilla/5.0 (X11; Linux x86_64) 测试" },
                });
            }
        }));
    }

    /// <summary>A memory stream that records the size of every write and can run a step before its first one completes.</summary>
    private sealed class RecordingStream(Func<Task>? beforeFirstWrite = null) : MemoryStream
    {
        public List<int> Writes { get; } = [];

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Writes.Count == 0 && beforeFirstWrite is not null)
            {
                await beforeFirstWrite();
            }

            Writes.Add(buffer.Length);
            await base.WriteAsync(buffer, cancellationToken);
        }
    }
}
