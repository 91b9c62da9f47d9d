using System.Text;
using System.Text.Json;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>
/// Exports of a store holding every kind of event: each kind with its own members, scrubbed records in their scrubbed
/// form, and every leaf and the checkpoint rebuilt from the lines alone, though the export holds none of the erased data.
/// </summary>
public sealed class KindsExportTests
{
    [Fact]
    public async Task A_complete_json_lines_export_holds_every_kind_and_rebuilds_every_leaf_and_the_checkpoint_without_the_erased_data()
    {
        using var temp = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(temp);
        await using CpmEvidenceReader reader = await CpmEvidenceReader.OpenAsync(temp.DatabasePath);

        var destination = new MemoryStream();
        ExportSummary summary = await reader.ExportAsync(new ExportQuery(), destination, ExportFormat.JsonLines);

        string text = Encoding.UTF8.GetString(destination.ToArray());
        foreach (string erased in new[] { KindsStore.Alice, "8613800000001", KindsStore.AliceEvidence })
        {
            text.Should().NotContain(erased, "an erased person's id, alias and evidence are not in the export");
        }

        List<JsonElement> lines = EvidenceFiles.ReadJsonLines(destination.ToArray());
        List<JsonElement> records = lines[..^1];
        records.Select(l => l.GetProperty("kind").GetString()).Should().Equal(
            "consent", "link", "consent", "link", "link", "consent", "erasure", "erasure", "access", "export", "consent", "unlink");
        summary.Count.Should().Be(12);

        // Alice's grant and link, and Carol's first grant, travel scrubbed: commitments, no person.
        foreach (int scrubbed in new[] { 0, 1, 5 })
        {
            JsonElement line = records[scrubbed];
            line.GetProperty("scrubbed").GetBoolean().Should().BeTrue();
            line.GetProperty("userId").ValueKind.Should().Be(JsonValueKind.Null);
            line.GetProperty("evidence").ValueKind.Should().Be(JsonValueKind.Null);
            line.GetProperty("subject").GetString().Should().NotBeNullOrEmpty();
            line.TryGetProperty("salt", out _).Should().BeFalse("the salt was deleted with the data");
            line.TryGetProperty("alias", out _).Should().BeFalse();
        }

        records[0].GetProperty("evidenceCommitment").GetString().Should().NotBeNullOrEmpty("the grant held evidence");
        records[0].GetProperty("purpose").GetString().Should().Be("marketing", "a scrubbed choice keeps what it was about");
        records[1].GetProperty("aliasCommitment").GetString().Should().NotBeNullOrEmpty("the link held an alias");
        records[3].GetProperty("alias").GetString().Should().Be(KindsStore.BobEmail);
        records[3].GetProperty("userId").GetString().Should().Be(KindsStore.Bob);
        records[3].TryGetProperty("purpose", out _).Should().BeFalse("a link has none of a choice's members");
        records[3].TryGetProperty("choice", out _).Should().BeFalse();
        records[6].GetProperty("subjectHash").GetString().Should().Be(kinds.AliceErasure.SubjectHash);
        records[6].GetProperty("userId").ValueKind.Should().Be(JsonValueKind.Null, "an erasure names its person by hash only");
        records[6].TryGetProperty("salt", out _).Should().BeFalse();
        records[8].GetProperty("userId").GetString().Should().Be(KindsStore.Bob, "a request names its person; its leaf does not");
        records[11].GetProperty("alias").GetString().Should().Be(KindsStore.BobEmail);
        records.Should().OnlyContain(l => l.GetProperty("kind").GetString() != "consent" || l.GetProperty("policyVersion").GetInt32() == 1);

        // Every leaf from its line alone, as an auditor's tool would, then the log's root.
        var leaves = new List<byte[]>();
        foreach (JsonElement line in records)
        {
            WireEvent wire = line.Deserialize(ProtocolJson.WireEvent)!;
            byte[] leaf = AuditLeaf.Hash(wire);
            Convert.ToHexStringLower(leaf).Should().Be(line.GetProperty("leafHash").GetString());
            leaves.Add(leaf);
        }

        JsonElement checkpoint = lines[^1].GetProperty("checkpoint");
        lines[^1].GetProperty("complete").GetBoolean().Should().BeTrue();
        checkpoint.GetProperty("size").GetInt64().Should().Be(12);
        MerkleLog.RootOf(leaves).Should().Equal(checkpoint.GetProperty("rootHash").GetBytesFromBase64());
        summary.Checkpoint.RootHash.Should().Equal(MerkleLog.RootOf(leaves));
    }

    [Fact]
    public async Task A_csv_export_gives_each_kind_its_cells_and_a_scrubbed_record_no_person()
    {
        using var temp = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(temp);
        await using CpmClient cpm = await CpmClient.OpenAsync(kinds.Options(temp));

        var destination = new MemoryStream();
        await cpm.ExportAsync(new ExportQuery(), destination, ExportFormat.Csv);

        (string[] header, List<Dictionary<string, string>> rows) = EvidenceFiles.ReadCsv(destination.ToArray());
        header.Should().Equal(EvidenceFiles.ExportColumns);
        rows.Should().HaveCount(12);
        Dictionary<string, string> aliceGrant = rows[0];
        aliceGrant["scrubbed"].Should().Be("true");
        aliceGrant["userId"].Should().BeEmpty();
        aliceGrant["evidence"].Should().BeEmpty();
        aliceGrant["choice"].Should().Be("granted");
        aliceGrant["subject"].Should().NotBeEmpty();
        aliceGrant["evidenceCommitment"].Should().NotBeEmpty();
        rows[1]["aliasCommitment"].Should().NotBeEmpty();
        rows[1]["alias"].Should().BeEmpty();

        Dictionary<string, string> link = rows[3];
        (link["kind"], link["userId"], link["alias"], link["scrubbed"]).Should().Be(("link", KindsStore.Bob, KindsStore.BobEmail, "false"));
        (link["purpose"], link["channel"], link["choice"], link["policyVersion"], link["separate"]).Should().Be(("", "", "", "", ""));
        Dictionary<string, string> erasure = rows[6];
        (erasure["kind"], erasure["userId"], erasure["subjectHash"]).Should().Be(("erasure", "", kinds.AliceErasure.SubjectHash));
        (rows[8]["kind"], rows[8]["userId"]).Should().Be(("access", KindsStore.Bob));
        (rows[9]["kind"], rows[9]["userId"]).Should().Be(("export", KindsStore.Bob));
        rows[10]["scrubbed"].Should().Be("false", "Carol's grant after her erasure is a new start");
        rows[10]["userId"].Should().Be(KindsStore.Carol);
        rows.Select(r => r["leafHash"]).Should().OnlyContain(hash => hash.Length == 64);
    }

    [Fact]
    public async Task A_persons_export_holds_their_events_and_erasure_and_never_a_scrubbed_record()
    {
        using var temp = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(temp);
        await using CpmClient cpm = await CpmClient.OpenAsync(kinds.Options(temp));

        (await Kinds(cpm, new ExportQuery { UserId = KindsStore.Alice })).Should().Equal(
            [("erasure", kinds.AliceErasure.EventId)], "her events were scrubbed: only the erasure of her id is found, by its hash");
        (await Kinds(cpm, new ExportQuery { UserId = KindsStore.Carol })).Should().Equal(
            ("erasure", kinds.CarolErasure.EventId), ("consent", kinds.CarolBack.Id));
        (await Kinds(cpm, new ExportQuery { UserId = KindsStore.Bob })).Select(k => k.Kind).Should().Equal(
            "consent", "link", "link", "access", "export", "unlink");
        (await Kinds(cpm, new ExportQuery { UserId = KindsStore.Alice, Purpose = "marketing" })).Should().BeEmpty("an erasure has no purpose");
    }

    private static async Task<List<(string Kind, Guid Id)>> Kinds(CpmClient cpm, ExportQuery query)
    {
        var destination = new MemoryStream();
        await cpm.ExportAsync(query, destination, ExportFormat.JsonLines);
        List<JsonElement> lines = EvidenceFiles.ReadJsonLines(destination.ToArray());
        lines[^1].GetProperty("complete").GetBoolean().Should().BeFalse();
        return [.. lines[..^1].Select(l => (l.GetProperty("kind").GetString()!, Guid.Parse(l.GetProperty("id").GetString()!)))];
    }
}
