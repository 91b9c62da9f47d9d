using System.Text;
using System.Text.Json;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>JSON Lines exports: one parseable record per line, then a trailer that lets the export be checked later.</summary>
public sealed class JsonLinesExportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_line_parses_and_the_trailer_holds_the_count_and_the_checkpoint()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(new FakeTimeProvider(Now));
        ConsentRecord first = await cpm.RecordAsync(new ConsentCapture("用户-张伟", "marketing", "sms", ConsentChoice.Granted)
        {
            PolicyVersion = 3,
            Source = "miniprogram",
            OccurredAt = Now.AddHours(-5),
            ExpiresAt = Now.AddDays(365),
            Jurisdiction = "PIPL",
            Evidence = new Dictionary<string, string> { ["ip"] = "10.0.0.1", ["text"] = "同意 \"营销\"\n😀\u0001" },
        });
        ConsentRecord second = await cpm.RecordAsync(new ConsentCapture("user-2", "analytics", "*", ConsentChoice.Withdrawn));

        var destination = new MemoryStream();
        ExportSummary summary = await cpm.ExportAsync(new ExportQuery(), destination, ExportFormat.JsonLines);

        byte[] bytes = destination.ToArray();
        bytes[0].Should().Be((byte)'{', "there is no byte order mark");
        string text = Encoding.UTF8.GetString(bytes);
        text.Should().NotContain("\r").And.Contain("用户-张伟").And.Contain("😀").And.Contain("\\u0001").And.NotContain("\\u7528");
        List<JsonElement> lines = EvidenceFiles.ReadJsonLines(bytes);
        lines.Should().HaveCount(3);

        JsonElement line = lines[0];
        line.GetProperty("id").GetString().Should().Be(first.Id.ToString());
        line.GetProperty("kind").GetString().Should().Be("consent");
        line.GetProperty("userId").GetString().Should().Be("用户-张伟");
        line.GetProperty("purpose").GetString().Should().Be("marketing");
        line.GetProperty("channel").GetString().Should().Be("sms");
        line.GetProperty("choice").GetString().Should().Be("granted");
        line.GetProperty("policyVersion").GetInt32().Should().Be(3);
        line.GetProperty("occurredAt").GetString().Should().Be(EvidenceFiles.Timestamp(first.OccurredAt));
        line.GetProperty("source").GetString().Should().Be("miniprogram");
        line.GetProperty("jurisdiction").GetString().Should().Be("PIPL");
        line.GetProperty("expiresAt").GetString().Should().Be(EvidenceFiles.Timestamp(first.ExpiresAt!.Value));
        EvidenceFiles.StringMap(line.GetProperty("evidence").GetRawText()).Should().Equal(first.Evidence!);
        line.GetProperty("origin").GetString().Should().Be(cpm.InstanceId);
        line.GetProperty("recordedAt").GetString().Should().Be(EvidenceFiles.Timestamp(first.RecordedAt));

        lines[1].GetProperty("id").GetString().Should().Be(second.Id.ToString());
        lines[1].GetProperty("choice").GetString().Should().Be("withdrawn");
        lines[1].GetProperty("jurisdiction").ValueKind.Should().Be(JsonValueKind.Null);
        lines[1].GetProperty("evidence").ValueKind.Should().Be(JsonValueKind.Null);
        lines[1].GetProperty("expiresAt").ValueKind.Should().Be(JsonValueKind.Null);

        AuditCheckpoint checkpoint = await cpm.GetCheckpointAsync();
        JsonElement trailer = lines[2];
        trailer.GetProperty("trailer").GetBoolean().Should().BeTrue();
        trailer.GetProperty("count").GetInt64().Should().Be(2);
        trailer.GetProperty("checkpoint").GetProperty("origin").GetString().Should().Be(checkpoint.Origin).And.Be(cpm.InstanceId);
        trailer.GetProperty("checkpoint").GetProperty("size").GetInt64().Should().Be(checkpoint.Size).And.Be(2);
        trailer.GetProperty("checkpoint").GetProperty("rootHash").GetBytesFromBase64().Should().Equal(checkpoint.RootHash);
        summary.Should().BeEquivalentTo(new ExportSummary(2, checkpoint));
    }

    [Fact]
    public async Task An_empty_store_exports_only_the_trailer_of_the_empty_log()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync();

        var destination = new MemoryStream();
        ExportSummary summary = await cpm.ExportAsync(new ExportQuery(), destination, ExportFormat.JsonLines);

        summary.Count.Should().Be(0);
        summary.Checkpoint.Size.Should().Be(0);
        summary.Checkpoint.RootHash.Should().Equal(MerkleLog.RootOf([]));
        JsonElement trailer = EvidenceFiles.ReadJsonLines(destination.ToArray()).Should().ContainSingle().Subject;
        trailer.GetProperty("count").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Each_record_carries_its_leaf_hash_in_the_stores_log()
    {
        using var temp = new TempStore();
        var ids = new List<Guid>();
        await using CpmClient cpm = await temp.OpenAsync();
        for (int i = 0; i < 5; i++)
        {
            ids.Add((await cpm.RecordAsync(new ConsentCapture($"user-{i}", "marketing", "sms", ConsentChoice.Granted))).Id);
        }

        Dictionary<Guid, byte[]> expected = LeafHashes(temp.DatabasePath, ids);
        var destination = new MemoryStream();
        await cpm.ExportAsync(new ExportQuery(), destination, ExportFormat.JsonLines);

        List<JsonElement> lines = EvidenceFiles.ReadJsonLines(destination.ToArray());
        lines.Should().HaveCount(ids.Count + 1);
        foreach (JsonElement line in lines[..^1])
        {
            Guid id = Guid.Parse(line.GetProperty("id").GetString()!);
            line.GetProperty("leafHash").GetString().Should().Be(Convert.ToHexStringLower(expected[id]));
        }
    }

    /// <summary>The leaf hash of each event as the store's log proves it.</summary>
    private static Dictionary<Guid, byte[]> LeafHashes(string path, List<Guid> ids)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        AuditCheckpoint checkpoint = StoreLog.LatestCheckpoint(connection, "test");
        return ids.ToDictionary(id => id, id => StoreLog.Inclusion(connection, id, checkpoint.Size)!.LeafHash);
    }
}
