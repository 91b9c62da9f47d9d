using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cpm.Sdk.Evidence;
using Cpm.Sdk.Evidence.Export;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue targets: exporting 1,000,000 records to CSV takes at most 10 s with flat memory, and a report over 1,000,000
/// events in 30 days at most 2 s. Baselines in the same run: the export's query with every column read and nothing
/// written, the floor of any export; and a count of the period's rows, the floor of one pass over them. GlobalSetup
/// prints the process working set before and at most during one CSV export ("// Export working set"). Run with
/// <c>dotnet run -c Release --project tests/Cpm.Sdk.Benchmarks -- --filter '*EvidenceBenchmarks*'</c>; the first run
/// generates the store (about a minute).
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class EvidenceBenchmarks
{
    private string _path = "";
    private DateTimeOffset _start;
    private CpmClient _client = null!;
    private string _exportFile = "";

    [GlobalSetup]
    public void Setup()
    {
        (_path, _start) = EvidenceStore.Get();
        _client = CpmClient.OpenAsync(EvidenceStore.Options(_path)).GetAwaiter().GetResult();
        _exportFile = BenchmarkStore.NewTempPath("export") + ".csv";
        ExportSummary summary = ExportCsv().GetAwaiter().GetResult();
        if (summary.Count != EvidenceStore.Events || ExportCsvRows().GetAwaiter().GetResult() != EvidenceStore.Events || CountPeriod() != EvidenceStore.Events)
        {
            throw new InvalidOperationException("The evidence store does not hold the expected events.");
        }

        MeasureExportWorkingSet();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        File.Delete(_exportFile);
    }

    /// <summary>The export's query alone, every column of every row read from SQLite and nothing written: the floor of an export.</summary>
    [Benchmark(Baseline = true)]
    public long ScanEvents()
    {
        using SqliteConnection connection = OpenReadOnly();
        using RawRows rows = ExportSql.Open(connection, new ExportQuery());
        long bytes = 0;
        while (rows.Read())
        {
            for (int column = 0; column < ExportColumns.Names.Length; column++)
            {
                bytes += rows.IsNull(column) ? 0 : rows.Bytes(column).Length;
            }
        }

        return bytes;
    }

    /// <summary>
    /// The CSV export's row loop alone, to the same file: what <see cref="ExportCsv"/> costs once the store keeps its
    /// checkpoint instead of rebuilding the log to read it (see <see cref="Checkpoint"/>).
    /// </summary>
    [Benchmark]
    public async Task<long> ExportCsvRows()
    {
        await using var file = new FileStream(_exportFile, FileMode.Create, FileAccess.Write, FileShare.None, 1, useAsync: true);
        using SqliteConnection connection = OpenReadOnly();
        using RawRows rows = ExportSql.Open(connection, new ExportQuery());
        var output = new Utf8Buffer();
        var csv = new CsvFormat(output);
        csv.Begin();
        long count = 0;
        while (rows.Read())
        {
            csv.Row(rows);
            count++;
            if (output.IsFull)
            {
                await output.FlushToAsync(file, CancellationToken.None).ConfigureAwait(false);
            }
        }

        await output.FlushToAsync(file, CancellationToken.None).ConfigureAwait(false);
        return count;
    }

    /// <summary>The CSV export of every record to a file, as a compliance team runs it.</summary>
    [Benchmark]
    public async Task<ExportSummary> ExportCsv()
    {
        await using var file = new FileStream(_exportFile, FileMode.Create, FileAccess.Write, FileShare.None, 1, useAsync: true);
        return await _client.ExportAsync(new ExportQuery(), file, ExportFormat.Csv).ConfigureAwait(false);
    }

    /// <summary>The JSON Lines export of every record, to a stream that discards it (formatting cost only).</summary>
    [Benchmark]
    public Task<ExportSummary> ExportJsonLinesToNull() => _client.ExportAsync(new ExportQuery(), Stream.Null, ExportFormat.JsonLines);

    /// <summary>The store's checkpoint alone, which every export reads first.</summary>
    [Benchmark]
    public Task<AuditCheckpoint> Checkpoint() => _client.GetCheckpointAsync();

    /// <summary>The period's rows counted in one pass: the floor of a report.</summary>
    [Benchmark]
    public long CountPeriod()
    {
        using SqliteConnection connection = OpenReadOnly();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM events WHERE occurred_at >= $from AND occurred_at < $to";
        command.Parameters.AddWithValue("$from", _start.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", (_start + EvidenceStore.Period).ToUnixTimeMilliseconds());
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The report over the 30 days in UTC, with the allowed share of the 100,000 people.</summary>
    [Benchmark]
    public Task<ConsentReport> Report() => _client.GetReportAsync(new ReportQuery(_start, _start + EvidenceStore.Period));

    /// <summary>The PIPL report: the same period, one jurisdiction (people by their latest jurisdiction).</summary>
    [Benchmark]
    public Task<ConsentReport> ReportPipl() =>
        _client.GetReportAsync(new ReportQuery(_start, _start + EvidenceStore.Period) { Jurisdiction = "PIPL" });

    private SqliteConnection OpenReadOnly()
    {
        var connection = new SqliteConnection($"Data Source={_path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>Samples the working set every 5 ms while one CSV export runs, and prints the growth.</summary>
    private void MeasureExportWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        long before = process.WorkingSet64;
        long peak = before;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!done.Wait(5))
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
        });
        sampler.Start();
        var watch = Stopwatch.StartNew();
        ExportCsv().GetAwaiter().GetResult();
        watch.Stop();
        done.Set();
        sampler.Join();
        Console.WriteLine(
            $"// Export working set: {before / 1048576.0:F1} MiB before, at most {peak / 1048576.0:F1} MiB during " +
            $"(growth {(peak - before) / 1048576.0:F1} MiB) for {EvidenceStore.Events:N0} records in {watch.Elapsed.TotalSeconds:F1} s");
    }
}
