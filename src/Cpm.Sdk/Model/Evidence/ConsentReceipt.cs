using System.Text;
using Cpm.Sdk.Evidence.Receipts;

namespace Cpm.Sdk;

/// <summary>
/// A receipt for one record, aligned with ISO/IEC TS 27560 (consent record information structure), with the proof
/// that the record sits unchanged in the audit log. <see cref="ToJson"/> writes it with the standard's field names; the
/// properties carry the same values. Its text form (<see cref="object.ToString"/>) leaves out the person.
/// </summary>
/// <remarks>
/// Every kind of event has a receipt (<see cref="Kind"/>): a consent choice, an alias linked or unlinked, an erasure, an
/// access or portability request served. The fields of a choice (<see cref="PrivacyNotice"/>, <see cref="Purposes"/>,
/// <see cref="Channel"/>, <see cref="LawfulBasis"/>, <see cref="ValidityDuration"/>) are empty on the other kinds. A
/// record whose person was erased since keeps its leaf and proofs but names no one: <see cref="PiiPrincipalId"/> is
/// <see langword="null"/> and <see cref="EventState"/> is <c>erased</c>.
/// </remarks>
public sealed record ConsentReceipt
{
    /// <summary>The version of this receipt's structure, <see cref="CurrentSchemaVersion"/> (<c>schema_version</c>).</summary>
    public const string CurrentSchemaVersion = "ISO/IEC TS 27560:2023 cpm-receipt/1";

    /// <summary>The version of this receipt's structure (<c>schema_version</c>).</summary>
    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The record's id (<c>record_id</c>).</summary>
    public required Guid RecordId { get; init; }

    /// <summary>What kind of event the record is (<c>kind</c>, an extension, spelled as on the wire).</summary>
    public EventKind Kind { get; init; }

    /// <summary>
    /// The person, the PII principal (<c>pii_principal_id</c>); <see langword="null"/> when the record names no one: its
    /// person was erased, or it is the erasure itself (which names them by <see cref="SubjectHash"/> only).
    /// </summary>
    public string? PiiPrincipalId { get; init; }

    /// <summary>The version of the privacy notice the person saw (<c>privacy_notice</c>); <see langword="null"/> on kinds other than a consent choice.</summary>
    public int? PrivacyNotice { get; init; }

    /// <summary>The language of the notice (<c>language</c>): the record's <c>language</c> evidence entry, if it has one.</summary>
    public string? Language { get; init; }

    /// <summary>The purposes the record is about (<c>purposes</c>): a choice's one purpose id; empty on other kinds.</summary>
    public required IReadOnlyList<string> Purposes { get; init; }

    /// <summary>The channel a choice covers, or <c>*</c> for every channel (<c>channel</c>, an extension); <see langword="null"/> on other kinds.</summary>
    public string? Channel { get; init; }

    /// <summary>A link's or unlink's alias, <c>kind:value</c> (<c>alias</c>, an extension); <see langword="null"/> on other kinds and once scrubbed.</summary>
    public string? Alias { get; init; }

    /// <summary>An erasure's subject hash, base64 of SHA-256 of the erased user id (<c>subject_hash</c>, an extension); <see langword="null"/> on other kinds.</summary>
    public string? SubjectHash { get; init; }

    /// <summary>
    /// The purpose's legal basis in this instance's catalog (<c>lawful_basis</c>): <c>consent</c>,
    /// <c>legitimate_interest</c>, <c>contract</c> or <c>legal_obligation</c>; <see langword="null"/> when the catalog no longer has the purpose.
    /// </summary>
    public string? LawfulBasis { get; init; }

    /// <summary>The law the record was captured under (<c>jurisdiction</c>).</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>
    /// The most sends a period the person agreed to with a grant (<c>frequency</c>, as <c>max_sends</c> and
    /// <c>period</c>); <see langword="null"/> when the record carries none.
    /// </summary>
    public FrequencyCap? Frequency { get; init; }

    /// <summary>The touchpoint that captured it, the record's source (<c>collection_method</c>).</summary>
    public required string CollectionMethod { get; init; }

    /// <summary>When the person chose (<c>event_time</c>).</summary>
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>
    /// What happened (<c>event_type</c>): <c>consent_given</c>, <c>consent_refused</c> or <c>consent_withdrawn</c> for a
    /// choice; <c>identifier_linked</c> or <c>identifier_unlinked</c> for an alias; <c>erasure_request_fulfilled</c>,
    /// <c>access_request_fulfilled</c> or <c>portability_request_fulfilled</c> for a rights request served.
    /// </summary>
    public required string EventType { get; init; }

    /// <summary>
    /// The state of the record when the receipt was made (<c>event_state</c>). For a choice: <c>active</c> (a grant in
    /// force), <c>expired</c>, <c>notice_outdated</c> (given under an older notice than the purpose now requires),
    /// <c>refused</c>, <c>withdrawn</c>, or <c>superseded</c> (a later record for the same purpose and channel decides).
    /// For a link: <c>active</c> while it decides its alias, else <c>superseded</c>. For an unlink, an erasure or a
    /// request: <c>completed</c>. For any record whose person was erased since: <c>erased</c>.
    /// </summary>
    public required string EventState { get; init; }

    /// <summary>How long the consent is valid from <see cref="EventTime"/> (<c>validity_duration</c>, ISO 8601); <see langword="null"/> when it does not lapse.</summary>
    public TimeSpan? ValidityDuration { get; init; }

    /// <summary>The data controllers (<c>pii_controllers</c>), from <see cref="CpmOptions.Controller"/>; empty when none is set.</summary>
    public required IReadOnlyList<DataController> PiiControllers { get; init; }

    /// <summary>When this store committed the record (<c>record_time</c>, an extension).</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The instance that captured the record (<c>origin</c>, an extension).</summary>
    public required string Origin { get; init; }

    /// <summary>The record's audit-log leaf hash, SHA-256(0x00 ‖ <see cref="LeafBytes"/>) (<c>leaf_hash</c>, hex); <see langword="null"/> before the record is in a checkpoint.</summary>
    public byte[]? LeafHash { get; init; }

    /// <summary>The record's leaf: its canonical JSON with commitments for the personal fields (<c>leaf_bytes</c>, base64).</summary>
    public byte[]? LeafBytes { get; init; }

    /// <summary>The record's inclusion proof against the store's checkpoint (<c>store_proof</c>).</summary>
    public ReceiptProof? StoreProof { get; init; }

    /// <summary>The record's inclusion proof against the server's signed checkpoint (<c>server_proof</c>); <see langword="null"/> until synced, or offline.</summary>
    public ReceiptProof? ServerProof { get; init; }

    /// <summary>
    /// The receipt as JSON with the ISO/IEC TS 27560 field names: UTF-8 text, timestamps as
    /// <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, the leaf hash in hex, the leaf bytes, roots and proofs in base64.
    /// </summary>
    /// <param name="indented">Whether to indent the JSON for people to read.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = false) => ReceiptJson.Write(this, indented);

    // The person's id is personal data: the text form names the record only.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RecordId = ").Append(RecordId)
            .Append(", Kind = ").Append(Kind)
            .Append(", EventType = ").Append(EventType)
            .Append(", EventState = ").Append(EventState);
        return true;
    }
}
