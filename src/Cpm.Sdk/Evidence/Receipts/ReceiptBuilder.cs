using Cpm.Sdk.Audit;
using Cpm.Sdk.Model;

namespace Cpm.Sdk.Evidence.Receipts;

/// <summary>
/// Makes a <see cref="ConsentReceipt"/> from a record read with <see cref="ReceiptSource"/>: the ISO/IEC TS 27560
/// fields from the record, the catalog and the controller, and the proofs, each checked with <see cref="MerkleLog"/>
/// before it is handed out.
/// </summary>
internal static class ReceiptBuilder
{
    /// <summary>The evidence entry a capture may use to say which language the notice was shown in.</summary>
    public const string LanguageEvidenceKey = "language";

    public static ConsentReceipt Build(ReceiptSource source, Catalog catalog, DataController? controller, DateTimeOffset now, ServerInclusion? server)
    {
        ConsentRecord record = source.Record;
        PurposeRule? rule = catalog.TryGetPurpose(record.Purpose, out PurposeRule found) ? found : null;
        DateTimeOffset? expiry = Expiry(record, rule);
        (ReceiptProof? storeProof, byte[]? leafHash) = StoreProof(source);
        return new ConsentReceipt
        {
            RecordId = record.Id,
            PiiPrincipalId = record.UserId,
            PrivacyNotice = record.PolicyVersion,
            Language = record.Evidence is { } evidence && evidence.TryGetValue(LanguageEvidenceKey, out string? language) ? language : null,
            Purposes = [record.Purpose],
            Channel = record.Channel,
            LawfulBasis = rule is null ? null : LawfulBasis(catalog.BasisFor(rule, record.Jurisdiction)),
            Jurisdiction = record.Jurisdiction,
            CollectionMethod = record.Source,
            EventTime = record.OccurredAt,
            EventType = record.Choice switch
            {
                ConsentChoice.Granted => "consent_given",
                ConsentChoice.Denied => "consent_refused",
                _ => "consent_withdrawn",
            },
            EventState = State(source, rule, expiry, now),
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

    private static string State(ReceiptSource source, PurposeRule? rule, DateTimeOffset? expiry, DateTimeOffset now)
    {
        ConsentRecord record = source.Record;
        if (source.EffectiveId is { } effective && effective != record.Id)
        {
            return "superseded";
        }

        return record.Choice switch
        {
            ConsentChoice.Denied => "refused",
            ConsentChoice.Granted when expiry is { } lapses && now >= lapses => "expired",
            ConsentChoice.Granted when rule is not null && record.PolicyVersion < rule.MinimumPolicyVersion => "notice_outdated",
            ConsentChoice.Granted => "active",
            _ => "withdrawn",
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
