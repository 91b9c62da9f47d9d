using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Rights;

/// <summary>Erasure through a real store: what it deletes, what it keeps, how the gate decides after it, and late events.</summary>
public sealed class ErasureTests
{
    private const string User = "erase-me-7f3a";
    private const string Phone = "phone:+8613812345678";
    private const string EvidenceValue = "203.0.113.77-form-42";

    private static async Task SeedAsync(CpmClient cpm, DateTimeOffset at)
    {
        var evidence = new Dictionary<string, string> { ["ip"] = EvidenceValue };
        await cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted) { OccurredAt = at, Evidence = evidence });
        await cpm.RecordAsync(new ConsentCapture(User, "offers", "*", ConsentChoice.Granted) { OccurredAt = at, Jurisdiction = "CCPA" });
        await cpm.RecordAsync(new ConsentCapture(User, "order-status", "email", ConsentChoice.Withdrawn) { OccurredAt = at });
        await cpm.LinkAsync(User, Phone);
        await cpm.RecordAsync(new ConsentCapture("someone-else", "marketing", "sms", ConsentChoice.Granted) { OccurredAt = at });
    }

    [Fact]
    public async Task Erasure_deletes_the_id_evidence_and_aliases_keeps_every_leaf_and_decides_erased_except_contract_and_legal_obligation()
    {
        using var store = new TempStore();
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-5);
        await using CpmClient cpm = await store.OpenRightsAsync();
        await SeedAsync(cpm, before);
        AuditCheckpoint checkpoint = await cpm.GetCheckpointAsync();

        ErasureReceipt receipt = await cpm.EraseAsync(User);

        receipt.SubjectHash.Should().Be(Protocol.WireFormat.SubjectHash(User));
        receipt.EventsScrubbed.Should().Be(4, "three choices and one link");
        receipt.EvidenceErased.Should().Be(1);
        receipt.AliasesErased.Should().Be(1);
        receipt.Leaf.Should().NotContain(User).And.Contain("\"kind\":\"erasure\"");
        receipt.LeafHash.Should().Equal(Cpm.Sdk.Audit.MerkleLog.HashLeaf(System.Text.Encoding.UTF8.GetBytes(receipt.Leaf)));

        cpm.Evaluate(User, "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.Erased, null));
        cpm.Evaluate(User, "analytics", "sms").Reason.Should().Be(DecisionReason.Erased, "legitimate interest too: the person asked to be forgotten");
        cpm.Evaluate(User, "offers", "sms").Reason.Should().Be(DecisionReason.Erased, "opt-out too");
        cpm.Evaluate(User, "order-status", "email").Should().Be(new ConsentDecision(true, DecisionReason.LegalBasis, null), "a contract still allows");
        cpm.Evaluate(User, "tax-records", "sms").IsAllowed.Should().BeTrue("a legal obligation still allows");
        cpm.Resolve(Phone).Should().BeNull("the alias is erased");
        cpm.CanUse("someone-else", "marketing", "sms").Should().BeTrue("nobody else is touched");

        (await cpm.VerifyAuditAsync()).Should().Be(new AuditVerification(true, checkpoint.Size + 1, null, null), "every leaf stays valid");
        RightsStore.ColumnsHolding(store.DatabasePath, User).Should().BeEmpty("no column of any table holds the user id");
        RightsStore.ColumnsHolding(store.DatabasePath, "8613812345678").Should().BeEmpty("nor the alias");
        RightsStore.ColumnsHolding(store.DatabasePath, EvidenceValue).Should().BeEmpty("nor the evidence");
        RightsStore.Count(store.DatabasePath, "SELECT count(*) FROM tombstones").Should().Be(1);

        IReadOnlyList<ConsentRecord> history = await cpm.GetHistoryAsync(User);
        history.Should().ContainSingle("the history shows the erasure, not the erased data")
            .Which.Should().Match<ConsentRecord>(r => r.Kind == EventKind.Erasure && r.Id == receipt.EventId && r.Evidence == null);
    }

    [Fact]
    public async Task A_stale_event_arriving_after_the_erasure_is_scrubbed_and_a_new_grant_after_it_counts_also_after_a_reopen()
    {
        using var store = new TempStore();
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-5);
        await using (CpmClient cpm = await store.OpenRightsAsync())
        {
            await SeedAsync(cpm, before);
            await cpm.EraseAsync(User);

            // Captured offline somewhere before the erasure, arriving now.
            ConsentRecord stale = await cpm.RecordAsync(new ConsentCapture(User, "marketing", "email", ConsentChoice.Granted)
            {
                OccurredAt = before.AddMinutes(1),
                Evidence = new Dictionary<string, string> { ["ip"] = EvidenceValue },
            });
            stale.UserId.Should().Be(User, "the caller gets the record as captured");
            cpm.Evaluate(User, "marketing", "email").Reason.Should().Be(DecisionReason.Erased, "a stale grant never revives an erased person");
            RightsStore.ColumnsHolding(store.DatabasePath, User).Should().BeEmpty("the stale event was stored scrubbed");
            (await cpm.VerifyAuditAsync()).IsIntact.Should().BeTrue();
        }

        await using (CpmClient cpm = await store.OpenRightsAsync())
        {
            cpm.Evaluate(User, "marketing", "sms").Reason.Should().Be(DecisionReason.Erased, "the tombstone survives a reopen");
            cpm.Evaluate(User, "analytics", "sms").Reason.Should().Be(DecisionReason.Erased);

            await cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted));
            cpm.Evaluate(User, "marketing", "sms").Reason.Should().Be(DecisionReason.Granted, "a grant after the erasure is a new start");
            cpm.Evaluate(User, "marketing", "email").Reason.Should().Be(DecisionReason.Erased, "nothing since decides email");
            cpm.Evaluate(User, "analytics", "sms").Reason.Should().Be(DecisionReason.Erased, "legitimate interest stays erased until the person objects or agrees anew");
        }

        await using CpmClient reopened = await store.OpenRightsAsync();
        reopened.Evaluate(User, "marketing", "sms").Reason.Should().Be(DecisionReason.Granted);
        reopened.Evaluate(User, "marketing", "email").Reason.Should().Be(DecisionReason.Erased, "the mark of the erasure is kept with the new records");
        (await reopened.VerifyAuditAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task Access_lists_records_aliases_and_decisions_export_writes_them_as_json_and_both_are_in_the_audit_log()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenRightsAsync();
        await SeedAsync(cpm, DateTimeOffset.UtcNow.AddMinutes(-5));
        long size = (await cpm.GetCheckpointAsync()).Size;
        long queued = cpm.Status.OutboxDepth;

        SubjectData data = await cpm.AccessAsync(User);
        data.UserId.Should().Be(User);
        data.Records.Select(r => r.Kind).Should().Equal(EventKind.Consent, EventKind.Consent, EventKind.Consent, EventKind.Link);
        data.Records[0].Evidence.Should().ContainKey("ip").WhoseValue.Should().Be(EvidenceValue);
        data.Aliases.Should().Equal(Phone);
        data.Jurisdiction.Should().Be("CCPA");
        data.Decisions.Should().Contain(new SubjectDecision("marketing", "sms", cpm.Evaluate(User, "marketing", "sms")));
        data.Decisions.Should().HaveCount(6 * 4, "every purpose on every channel");

        using var document = new MemoryStream();
        await cpm.ExportSubjectAsync(User, document);
        using System.Text.Json.JsonDocument json = System.Text.Json.JsonDocument.Parse(document.ToArray());
        json.RootElement.GetProperty("userId").GetString().Should().Be(User);
        json.RootElement.GetProperty("aliases")[0].GetString().Should().Be(Phone);
        json.RootElement.GetProperty("records").GetArrayLength().Should().Be(5, "the four events and the access request served before");
        json.RootElement.GetProperty("decisions").GetArrayLength().Should().Be(24);

        (await cpm.GetCheckpointAsync()).Size.Should().Be(size + 2, "the access and the export are each in the audit log");
        (await cpm.GetHistoryAsync(User)).Select(r => r.Kind).Should().EndWith([EventKind.Access, EventKind.Export]);
        (await cpm.VerifyAuditAsync()).IsIntact.Should().BeTrue();
        cpm.Status.OutboxDepth.Should().Be(queued, "requests stay in this store's log: they are never queued for the endpoint");
    }

    [Fact]
    public async Task A_version_4_store_learns_who_its_events_name_so_a_person_stored_before_the_upgrade_can_be_erased()
    {
        using var store = new TempStore();
        await using (CpmClient cpm = await store.OpenAsync())
        {
            await cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted)
            {
                Evidence = new Dictionary<string, string> { ["ip"] = EvidenceValue },
            });
        }

        var file = new Audit.AuditStoreFile(store.DatabasePath);
        file.Sql(Audit.AuditStoreFile.UndoVersion6 + Audit.AuditStoreFile.UndoVersion5 + "PRAGMA user_version = 4;");

        await using CpmClient migrated = await store.OpenRightsAsync();
        file.Scalar("PRAGMA user_version").Should().Be(Storage.Schema.LatestVersion);
        (await migrated.EraseAsync(User)).EventsScrubbed.Should().Be(1);
        migrated.Evaluate(User, "marketing", "sms").Reason.Should().Be(DecisionReason.Erased);
        RightsStore.ColumnsHolding(store.DatabasePath, User).Should().BeEmpty();
        (await migrated.VerifyAuditAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task After_an_erasure_and_a_close_not_even_the_free_space_of_the_file_holds_the_user_id_the_alias_or_the_evidence()
    {
        using var store = new TempStore();
        await using (CpmClient cpm = await store.OpenRightsAsync())
        {
            await SeedAsync(cpm, DateTimeOffset.UtcNow.AddMinutes(-5));
        }

        await using (CpmClient cpm = await store.OpenRightsAsync())
        {
            await cpm.EraseAsync(User);
        }

        // Closing checkpoints the WAL into the file; what remains is the file alone.
        File.Exists(store.DatabasePath + "-wal").Should().BeFalse();
        byte[] bytes = await File.ReadAllBytesAsync(store.DatabasePath);
        foreach (string value in new[] { User, "8613812345678", EvidenceValue })
        {
            bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(value)).Should().Be(-1, $"the file holds no trace of {value}");
        }
    }
}
