using Cpm.Sdk.Audit;
using Cpm.Sdk.Model;

namespace Cpm.Sdk.Evidence.Receipts;

/// <summary>
/// Makes a <see cref="ConsentReceipt"/> from a record read with <see cref="ReceiptSource"/>: the ISO/IEC TS 27560
/// fields from the record, the catalog and the controller, and the proofs, each checked with <see cref="MerkleLog"/>
/// before it is handed out. Every kind of event has a receipt; the fields of a consent choice (notice, purposes,
/// channel, lawful basis, validity) are empty on the others.
/// </summary>
internal static class ReceiptBuilder
{
    /// <summary>The evidence entry a capture may use to say which language the notice was shown in.</summary>
    public const string LanguageEvidenceKey = "language";

    public static ConsentReceipt Build(ReceiptSource source, Catalog catalog, DataController? controller, DateTimeOffset now, ServerInclusion? server)
    {
        ConsentRecord record = source.Record;
        bool consent = record.Kind == EventKind.Consent;
        PurposeRule? rule = consent && catalog.TryGetPurpose(record.Purpose, out PurposeRule found) ? found : null;
        DateTimeOffset? expiry = consent ? Expiry(record, rule) : null;
        (ReceiptProof? storeProof, byte[]? leafHash) = StoreProof(source);
        return new ConsentReceipt
        {
            RecordId = record.Id,
            Kind = record.Kind,

            // A scrubbed record names no one any more, an erasure only by the hash of the id.
            PiiPrincipalId = source.Scrubbed || record.Kind == EventKind.Erasure || record.UserId.Length == 0 ? null : record.UserId,
            PrivacyNotice = consent ? record.PolicyVersion : null,
            Language = record.Evidence is { } evidence && evidence.TryGetValue(LanguageEvidenceKey, out string? language) ? language : null,
            Purposes = consent ? [record.Purpose] : [],
            Channel = consent ? record.Channel : null,
            Alias = record.Alias,
            SubjectHash = source.SubjectHash,
            LawfulBasis = rule is null ? null : LawfulBasis(catalog.BasisFor(rule, record.Jurisdiction)),
            Jurisdiction = record.Jurisdiction,
            Frequency = consent ? record.Frequency : null,
            CollectionMethod = record.Source,
            EventTime = record.OccurredAt,
            EventType = ReceiptEvents.Type(record),
            EventState = ReceiptEvents.State(source, rule, expiry, now),
            ValidityDuration = expiry - record.OccurredAt,
            PiiControllers = controller is null ? [] : [controller],
            RecordedAt = record.RecordedAt,
            Origin = record.Origin,
            LeafHash = leafHash,
            LeafBytes = source.Inclusion?.LeafBytes,
            StoreProof = storeProof,
            ServerProof = leafHash is null || server is null ? null : ServerProof(server, leafHash),
        };
    }

    public static string LawfulBasis(LegalBasis basis) => basis switch
    {
        LegalBasis.Consent => "consent",
        LegalBasis.LegitimateInterest => "legitimate_interest",
        LegalBasis.Contract => "contract",
        LegalBasis.LegalObligation => "legal_obligation",
        LegalBasis.OptOut => "opt_out",
        _ => basis.ToString(),
    };

    /// <summary>When the consent lapses: its own expiry or the purpose's validity, whichever comes first.</summary>
    private static DateTimeOffset? Expiry(ConsentRecord record, PurposeRule? rule)
    {
        DateTimeOffset? byValidity = rule is { ValidityMs: > 0 } ? record.OccurredAt.AddMilliseconds(rule.ValidityMs) : null;
        return (record.ExpiresAt, byValidity) switch
        {
            ({ } own, { } valid) => own < valid ? own : valid,
            ({ } own, null) => own,
            (null, var valid) => valid,
        };
    }

    private static (ReceiptProof? Proof, byte[]? LeafHash) StoreProof(ReceiptSource source)
    {
        if (source.Inclusion is not { } inclusion)
        {
            return (null, null);
        }

        AuditCheckpoint checkpoint = source.Checkpoint;
        bool proves = MerkleLog.HashLeaf(inclusion.LeafBytes).AsSpan().SequenceEqual(inclusion.LeafHash)
            && MerkleLog.VerifyInclusion(inclusion.Index, checkpoint.Size, inclusion.LeafHash, inclusion.Proof, checkpoint.RootHash);
        if (!proves)
        {
            throw new CpmStoreException(
                $"The audit log does not prove record {source.Record.Id} against its checkpoint; check the store with VerifyAuditAsync.");
        }

        return (new ReceiptProof(checkpoint, inclusion.Index, inclusion.Proof), inclusion.LeafHash);
    }

    /// <summary>The server's proof, only when its checkpoint text is well formed and the proof verifies for this leaf.</summary>
    private static ReceiptProof? ServerProof(ServerInclusion server, byte[] leafHash)
    {
        if (SignedCheckpoint.TryParse(server.Checkpoint) is not { } checkpoint
            || !MerkleLog.VerifyInclusion(server.Index, checkpoint.Size, leafHash, server.Proof, checkpoint.RootHash))
        {
            return null;
        }

        return new ReceiptProof(checkpoint, server.Index, server.Proof)
        {
            SignedCheckpoint = server.Checkpoint,
            Signature = server.Signature,
            KeyId = server.KeyId,
        };
    }
}
