using System.Text;
using System.Text.Json;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>Receipts carry every ISO/IEC TS 27560 field the design lists, and their proofs verify with MerkleLog alone.</summary>
public sealed class ReceiptTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    private static readonly DataController Controller = new()
    {
        Name = "Example Retail (Shanghai) Co., Ltd.",
        Contact = "Data Protection Officer",
        Address = "1 Example Road\nShanghai 200000",
        Email = "dpo@example.com",
        Phone = "+86 21 0000 0000",
        Url = "https://example.com/privacy",
    };

    [Fact]
    public async Task A_receipt_carries_every_field_and_its_proof_verifies_with_MerkleLog_alone()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(new FakeTimeProvider(Now), o => o.Controller = Controller);
        await cpm.RecordAsync(new ConsentCapture("someone-else", "analytics", "email", ConsentChoice.Granted));
        ConsentRecord record = await cpm.RecordAsync(new ConsentCapture("用户-张伟", "marketing", "sms", ConsentChoice.Granted)
        {
            PolicyVersion = 2,
            Source = "miniprogram",
            OccurredAt = Now.AddMinutes(-1),
            ExpiresAt = Now.AddMinutes(-1).AddDays(30),
            Jurisdiction = "PIPL",
            Evidence = new Dictionary<string, string> { ["language"] = "zh-CN", ["ip"] = "10.0.0.1" },
        });
        for (int i = 0; i < 4; i++)
        {
            await cpm.RecordAsync(new ConsentCapture($"later-{i}", "marketing", "email", ConsentChoice.Denied));
        }

        ConsentReceipt receipt = await cpm.GetReceiptAsync(record.Id);
        JsonElement json = JsonDocument.Parse(receipt.ToJson()).RootElement;

        json.EnumerateObject().Select(p => p.Name).Should().Contain(
        [
            "schema_version", "record_id", "pii_principal_id", "privacy_notice", "language", "purposes", "lawful_basis",
            "jurisdiction", "collection_method", "event_time", "event_type", "event_state", "validity_duration",
            "pii_controllers", "leaf_hash", "leaf_bytes", "store_proof", "server_proof",
        ]);
        json.GetProperty("schema_version").GetString().Should().Be(ConsentReceipt.CurrentSchemaVersion);
        json.GetProperty("record_id").GetString().Should().Be(record.Id.ToString());
        json.GetProperty("pii_principal_id").GetString().Should().Be("用户-张伟");
        json.GetProperty("privacy_notice").GetInt32().Should().Be(2);
        json.GetProperty("language").GetString().Should().Be("zh-CN");
        json.GetProperty("purposes").EnumerateArray().Select(p => p.GetString()).Should().Equal("marketing");
        json.GetProperty("channel").GetString().Should().Be("sms");
        json.GetProperty("lawful_basis").GetString().Should().Be("consent");
        json.GetProperty("jurisdiction").GetString().Should().Be("PIPL");
        json.GetProperty("collection_method").GetString().Should().Be("miniprogram");
        json.GetProperty("event_time").GetString().Should().Be(EvidenceFiles.Timestamp(record.OccurredAt));
        json.GetProperty("event_type").GetString().Should().Be("consent_given");
        json.GetProperty("event_state").GetString().Should().Be("active");
        json.GetProperty("validity_duration").GetString().Should().Be("P30D");
        json.GetProperty("record_time").GetString().Should().Be(EvidenceFiles.Timestamp(record.RecordedAt));
        json.GetProperty("origin").GetString().Should().Be(cpm.InstanceId);
        JsonElement controller = json.GetProperty("pii_controllers").EnumerateArray().Should().ContainSingle().Subject;
        controller.GetProperty("name").GetString().Should().Be(Controller.Name);
        controller.GetProperty("contact").GetString().Should().Be(Controller.Contact);
        controller.GetProperty("address").GetString().Should().Be(Controller.Address);
        controller.GetProperty("email").GetString().Should().Be(Controller.Email);
        controller.GetProperty("phone").GetString().Should().Be(Controller.Phone);
        controller.GetProperty("url").GetString().Should().Be(Controller.Url);
        json.GetProperty("server_proof").ValueKind.Should().Be(JsonValueKind.Null, "an offline instance has no server proof");

        byte[] leafHash = ReceiptProofs.LeafHash(json);
        string leaf = Encoding.UTF8.GetString(json.GetProperty("leaf_bytes").GetBytesFromBase64());
        leaf.Should().Contain(record.Id.ToString()).And.NotContain("张伟", "the leaf holds a commitment, not the user id");
        JsonElement proof = json.GetProperty("store_proof");
        AuditCheckpoint checkpoint = await cpm.GetCheckpointAsync();
        proof.GetProperty("origin").GetString().Should().Be(cpm.InstanceId);
        proof.GetProperty("tree_size").GetInt64().Should().Be(checkpoint.Size).And.Be(6);
        proof.GetProperty("root_hash").GetBytesFromBase64().Should().Equal(checkpoint.RootHash);
        proof.GetProperty("leaf_index").GetInt64().Should().Be(1);
        ReceiptProofs.Verifies(proof, leafHash).Should().BeTrue();
        for (int i = 0; i < proof.GetProperty("inclusion_proof").GetArrayLength(); i++)
        {
            ReceiptProofs.Verifies(proof, leafHash, flipHash: i).Should().BeFalse("a proof with hash {0} flipped must fail", i);
        }

        receipt.StoreProof!.Checkpoint.Should().BeEquivalentTo(checkpoint);
        receipt.ToString().Should().NotContain("张伟").And.Contain(record.Id.ToString());
    }

    [Fact]
    public async Task The_event_state_follows_the_record_its_key_and_the_clock()
    {
        using var temp = new TempStore();
        var clock = new FakeTimeProvider(Now);
        await using CpmClient cpm = await temp.OpenAsync(clock);
        ConsentRecord grant = await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        (await cpm.GetReceiptAsync(grant.Id)).EventState.Should().Be("active");
        clock.Advance(TimeSpan.FromMinutes(1));
        ConsentRecord withdrawal = await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Withdrawn));
        ConsentRecord denial = await cpm.RecordAsync(new ConsentCapture("u1", "analytics", "email", ConsentChoice.Denied));
        ConsentRecord expiring = await cpm.RecordAsync(new ConsentCapture("u2", "marketing", "email", ConsentChoice.Granted) { ExpiresAt = Now.AddHours(1) });
        ConsentRecord outdated = await cpm.RecordAsync(new ConsentCapture("u2", "personalisation", "app-push", ConsentChoice.Granted) { PolicyVersion = 1 });
        ConsentRecord contract = await cpm.RecordAsync(new ConsentCapture("u2", "order-status", "*", ConsentChoice.Granted));

        ConsentReceipt superseded = await cpm.GetReceiptAsync(grant.Id);
        (superseded.EventType, superseded.EventState).Should().Be(("consent_given", "superseded"));
        ConsentReceipt withdrawn = await cpm.GetReceiptAsync(withdrawal.Id);
        (withdrawn.EventType, withdrawn.EventState).Should().Be(("consent_withdrawn", "withdrawn"));
        ConsentReceipt refused = await cpm.GetReceiptAsync(denial.Id);
        (refused.EventType, refused.EventState, refused.LawfulBasis).Should().Be(("consent_refused", "refused", "legitimate_interest"));
        ConsentReceipt beforeExpiry = await cpm.GetReceiptAsync(expiring.Id);
        (beforeExpiry.EventState, beforeExpiry.ValidityDuration).Should().Be(("active", TimeSpan.FromMinutes(59)));
        (await cpm.GetReceiptAsync(outdated.Id)).EventState.Should().Be("notice_outdated");
        ConsentReceipt contractual = await cpm.GetReceiptAsync(contract.Id);
        contractual.LawfulBasis.Should().Be("contract");
        contractual.ValidityDuration.Should().BeNull();
        contractual.Channel.Should().Be("*");
        contractual.Language.Should().BeNull();
        contractual.PiiControllers.Should().BeEmpty("no controller is configured");

        clock.Advance(TimeSpan.FromHours(1));
        (await cpm.GetReceiptAsync(expiring.Id)).EventState.Should().Be("expired");
    }

    [Fact]
    public async Task An_unknown_id_is_not_found_and_the_empty_id_is_refused()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync();
        await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        Guid unknown = Guid.CreateVersion7();

        (await FluentActions.Awaiting(() => cpm.GetReceiptAsync(unknown)).Should().ThrowAsync<KeyNotFoundException>())
            .Which.Message.Should().Contain(unknown.ToString());
        await FluentActions.Awaiting(() => cpm.GetReceiptAsync(Guid.Empty)).Should().ThrowAsync<ArgumentException>().WithParameterName("recordId");
    }
}
