using System.Text;
using System.Text.Json;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>
/// Receipts for every kind of event: links, unlinks, erasures and requests have their own event type and state, and a
/// record whose person was erased keeps its leaf and proof but names no one.
/// </summary>
public sealed class KindsReceiptTests
{
    [Fact]
    public async Task Every_kind_has_a_receipt_with_its_event_type_and_state_and_a_proof_that_verifies()
    {
        using var temp = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(temp);
        await using CpmClient cpm = await CpmClient.OpenAsync(kinds.Options(temp));
        IReadOnlyList<ConsentRecord> bob = await cpm.GetHistoryAsync(KindsStore.Bob);
        Guid access = bob.Single(r => r.Kind == EventKind.Access).Id;
        Guid export = bob.Single(r => r.Kind == EventKind.Export).Id;

        (Guid Id, EventKind Kind, string Type, string State, string? Person)[] expected =
        [
            (kinds.BobGrant.Id, EventKind.Consent, "consent_given", "active", KindsStore.Bob),
            (kinds.BobEmailLink.Id, EventKind.Link, "identifier_linked", "superseded", KindsStore.Bob),
            (kinds.BobPhoneLink.Id, EventKind.Link, "identifier_linked", "active", KindsStore.Bob),
            (kinds.BobUnlink.Id, EventKind.Unlink, "identifier_unlinked", "completed", KindsStore.Bob),
            (kinds.AliceErasure.EventId, EventKind.Erasure, "erasure_request_fulfilled", "completed", null),
            (access, EventKind.Access, "access_request_fulfilled", "completed", KindsStore.Bob),
            (export, EventKind.Export, "portability_request_fulfilled", "completed", KindsStore.Bob),
            (kinds.AliceGrant.Id, EventKind.Consent, "consent_given", "erased", null),
            (kinds.AliceLink.Id, EventKind.Link, "identifier_linked", "erased", null),
        ];
        foreach ((Guid id, EventKind kind, string type, string state, string? person) in expected)
        {
            ConsentReceipt receipt = await cpm.GetReceiptAsync(id);
            (receipt.Kind, receipt.EventType, receipt.EventState, receipt.PiiPrincipalId).Should().Be((kind, type, state, person), "the receipt of {0} {1}", kind, id);
            JsonElement json = JsonDocument.Parse(receipt.ToJson()).RootElement;
            json.GetProperty("kind").GetString().Should().Be(Protocol.WireFormat.FormatKind(kind));
            ReceiptProofs.Verifies(json.GetProperty("store_proof"), ReceiptProofs.LeafHash(json)).Should().BeTrue("the proof of {0} {1} verifies", kind, id);
        }

        ConsentReceipt link = await cpm.GetReceiptAsync(kinds.BobPhoneLink.Id);
        (link.Alias, link.Purposes.Count, link.Channel, link.PrivacyNotice, link.LawfulBasis).Should().Be((KindsStore.BobPhone, 0, null, null, null));
        ConsentReceipt erasure = await cpm.GetReceiptAsync(kinds.AliceErasure.EventId);
        erasure.SubjectHash.Should().Be(kinds.AliceErasure.SubjectHash);
        erasure.LeafHash.Should().Equal(kinds.AliceErasure.LeafHash);
        JsonElement accessJson = JsonDocument.Parse((await cpm.GetReceiptAsync(access)).ToJson()).RootElement;
        accessJson.GetProperty("privacy_notice").ValueKind.Should().Be(JsonValueKind.Null);
        accessJson.GetProperty("purposes").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_scrubbed_records_receipt_names_no_one_and_keeps_its_leaf_and_proof_also_from_a_reader()
    {
        using var temp = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(temp);
        await using CpmEvidenceReader reader = await CpmEvidenceReader.OpenAsync(temp.DatabasePath, kinds.Options(temp));

        ConsentReceipt receipt = await reader.GetReceiptAsync(kinds.AliceGrant.Id);
        string text = receipt.ToJson();
        JsonElement json = JsonDocument.Parse(text).RootElement;

        receipt.PiiPrincipalId.Should().BeNull();
        json.GetProperty("pii_principal_id").ValueKind.Should().Be(JsonValueKind.Null);
        (receipt.EventType, receipt.EventState, receipt.Jurisdiction, receipt.LawfulBasis).Should().Be(("consent_given", "erased", "PIPL", "consent"));
        receipt.Purposes.Should().Equal("marketing");
        receipt.Language.Should().BeNull("the evidence is gone");
        text.Should().NotContain(KindsStore.Alice).And.NotContain(KindsStore.AliceEvidence);
        string leaf = Encoding.UTF8.GetString(json.GetProperty("leaf_bytes").GetBytesFromBase64());
        leaf.Should().Contain(kinds.AliceGrant.Id.ToString()).And.Contain("\"subject\":\"", "the leaf keeps the commitment");
        ReceiptProofs.Verifies(json.GetProperty("store_proof"), ReceiptProofs.LeafHash(json)).Should().BeTrue();
        receipt.StoreProof!.Checkpoint.Size.Should().Be(12);
    }
}
