namespace Cpm.Sdk.Protocol;

/// <summary>
/// An event on the wire (docs/protocol.md §2): a consent choice, an alias link or unlink, or an erasure, as pushed in <see cref="PushRequest"/> and pulled in
/// <see cref="PullResponse"/>. A plain mutable class, so the source-generated serializer fills it and a reader can tell
/// a missing field from a wrong one; nothing in it is checked until <see cref="WireRules.Problem"/> or
/// <see cref="WireRules.TryParse"/> runs.
/// </summary>
public sealed class WireEvent
{
    /// <summary>The event id: a UUIDv7 in lowercase 8-4-4-4-12 form (<see cref="WireFormat.TryParseId"/>), the de-duplication key.</summary>
    public string? Id { get; set; }

    /// <summary>The person: 1 to 256 UTF-16 code units, not whitespace only, no control characters.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? UserId { get; set; }

    /// <summary>The purpose id, matching <c>^[a-z0-9][a-z0-9._-]{0,63}$</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Purpose { get; set; }

    /// <summary>The channel id, matching <c>^[a-z0-9][a-z0-9._-]{0,63}$</c>, or <c>*</c> for every channel.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Channel { get; set; }

    /// <summary><c>granted</c>, <c>denied</c> or <c>withdrawn</c> (<see cref="WireFormat.FormatChoice"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Choice { get; set; }

    /// <summary>The notice revision the person saw; at least 1.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int PolicyVersion { get; set; }

    /// <summary>When the person chose, as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (<see cref="WireFormat.FormatTimestamp(DateTimeOffset)"/>).</summary>
    public string? OccurredAt { get; set; }

    /// <summary>The touchpoint that captured the choice, matching <c>^[a-z0-9][a-z0-9._-]{0,63}$</c>.</summary>
    public string? Source { get; set; }

    /// <summary>The law the capture was made under (<c>PIPL</c>, <c>GDPR</c>, ...), 1 to 32 printable characters, or <see langword="null"/>.</summary>
    public string? Jurisdiction { get; set; }

    /// <summary>When the consent lapses, as a timestamp after <see cref="OccurredAt"/>, or <see langword="null"/>.</summary>
    public string? ExpiresAt { get; set; }

    /// <summary>Proof of the capture: non-blank keys to string values, at most 16 KiB as compact UTF-8 JSON, or <see langword="null"/>.</summary>
    public Dictionary<string, string>? Evidence { get; set; }

    /// <summary>The id of the SDK instance that captured the event, 1 to <see cref="WireFormat.MaxOriginLength"/> characters.</summary>
    public string? Origin { get; set; }

    /// <summary>
    /// What kind of event this is: <see cref="WireFormat.ConsentKind"/>, <see cref="WireFormat.LinkKind"/>,
    /// <see cref="WireFormat.UnlinkKind"/> or <see cref="WireFormat.ErasureKind"/>. A missing kind means <c>consent</c>,
    /// so version 1 peers that never send it keep working.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; set; }

    /// <summary>
    /// 16 random bytes made at capture, in standard base64 with padding: the salt of the commitments that stand for the
    /// personal fields in the audit log's leaf (<see cref="Cpm.Sdk.Audit.AuditLeaf"/>). It travels with the event so every log
    /// holds the same leaf. A peer that omits it gets one from the receiver.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Salt { get; set; }

    /// <summary>
    /// <see langword="true"/> when the choice was made for this purpose alone (<see cref="ConsentCapture.Separate"/>);
    /// absent means not. Part of the leaf only when true, so the leaves of earlier events never change.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? Separate { get; set; }

    /// <summary>
    /// On a grant: the most sends a calendar period the person agreed to (<see cref="ConsentCapture.Frequency"/>),
    /// <c>{"maxSends":3,"period":"week"}</c>; absent when none, and on every other event. Part of the leaf only when
    /// present, so the leaves of earlier events never change.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public WireFrequency? Frequency { get; set; }

    /// <summary>
    /// On a <c>link</c> or <c>unlink</c>: the alias, <c>kind:value</c> normalised (<see cref="WireFormat.NormalizeAlias"/>);
    /// absent on other kinds and on a scrubbed event.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Alias { get; set; }

    /// <summary>
    /// On an <c>erasure</c>: base64 of SHA-256 of the erased user id's UTF-8 (<see cref="WireFormat.SubjectHash"/>),
    /// which a receiver uses to find what to scrub and to recognise later events for the id. Absent on other kinds.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? SubjectHash { get; set; }

    /// <summary>
    /// <see langword="true"/> on an event whose person was erased: it travels without its user id, evidence, alias and
    /// salt, carrying instead the commitments its audit-log leaf holds (<see cref="Subject"/>,
    /// <see cref="EvidenceCommitment"/>, <see cref="AliasCommitment"/>), so a receiver rebuilds the same leaf but never
    /// sees the erased data. Absent means not scrubbed.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? Scrubbed { get; set; }

    /// <summary>On a scrubbed event: the commitment to its user id (the leaf's <c>subject</c>), or absent when it had none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Subject { get; set; }

    /// <summary>On a scrubbed event: the commitment to its evidence (the leaf's <c>evidence</c>), or absent when it had none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? EvidenceCommitment { get; set; }

    /// <summary>On a scrubbed <c>link</c> or <c>unlink</c>: the commitment to its alias (the leaf's <c>alias</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? AliasCommitment { get; set; }

    /// <summary>
    /// On a pulled event, its leaf index in the server's log (server sequence, from 0); absent on a push and ignored
    /// by a server that receives it.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? Seq { get; set; }

    /// <summary>
    /// A record as the wire spells it: ids in lowercase, timestamps in the one form of docs/protocol.md §1, enums as
    /// their lowercase names. An event read with <see cref="WireRules.TryParse"/> and written back with this method is
    /// its canonical form, which a server stores and serves unchanged.
    /// </summary>
    /// <remarks>
    /// A choice that is not a defined member (a damaged store row) goes out as <c>withdrawn</c>: like the gate, which
    /// ranks such a choice as the most restrictive, the wire fails closed rather than stalling delivery.
    /// </remarks>
    /// <param name="record">The record; its evidence is copied.</param>
    /// <param name="salt">The event's salt (<see cref="Salt"/>), or <see langword="null"/> to leave it out.</param>
    /// <returns>A new event of the record's kind (<see cref="ConsentRecord.Kind"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is <see langword="null"/>.</exception>
    public static WireEvent FromRecord(ConsentRecord record, byte[]? salt = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return From(record, salt, scrubbed: null, subjectHash: null);
    }

    /// <summary>A shallow copy: the evidence map, if any, is shared.</summary>
    internal WireEvent MemberwiseCopy() => (WireEvent)MemberwiseClone();

    /// <summary>
    /// As <see cref="FromRecord"/>, for an event of any kind that travels: a scrubbed event carries its commitments
    /// (<paramref name="scrubbed"/>) in place of its user id, evidence, alias and salt; an erasure carries its subject hash.
    /// </summary>
    internal static WireEvent From(ConsentRecord record, byte[]? salt, Audit.Commitments? scrubbed, string? subjectHash)
    {
        bool consent = record.Kind == EventKind.Consent;
        var wire = new WireEvent
        {
            Id = WireFormat.FormatId(record.Id),
            Kind = WireFormat.FormatKind(record.Kind),
            OccurredAt = WireFormat.FormatTimestamp(record.OccurredAt),
            Source = record.Source,
            Origin = record.Origin,
            SubjectHash = record.Kind == EventKind.Erasure ? subjectHash : null,
        };
        if (consent)
        {
            wire.Purpose = record.Purpose;
            wire.Channel = record.Channel;
            wire.Choice = WireFormat.FormatChoice(Enum.IsDefined(record.Choice) ? record.Choice : ConsentChoice.Withdrawn);
            wire.PolicyVersion = record.PolicyVersion;
            wire.Jurisdiction = record.Jurisdiction;
            wire.ExpiresAt = WireFormat.FormatTimestamp(record.ExpiresAt);
            wire.Separate = record.Separate ? true : null;
            wire.Frequency = record.Frequency is { } frequency ? WireFrequency.FromCap(frequency) : null;
        }

        if (scrubbed is not null)
        {
            wire.Scrubbed = true;
            wire.Subject = scrubbed.Subject;
            wire.EvidenceCommitment = scrubbed.Evidence;
            wire.AliasCommitment = scrubbed.Alias;
            return wire;
        }

        // An erasure names its person by hash only; an unlink of an alias whose person was unknown names no one.
        wire.UserId = record.Kind == EventKind.Erasure || (record.Kind == EventKind.Unlink && record.UserId.Length == 0) ? null : record.UserId;
        wire.Alias = record.Alias;
        wire.Evidence = record.Evidence is null ? null : new Dictionary<string, string>(record.Evidence, StringComparer.Ordinal);
        wire.Salt = salt is null ? null : WireFormat.FormatSalt(salt);
        return wire;
    }
}
