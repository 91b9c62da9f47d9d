using System.Security.Cryptography;
using System.Text;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Audit;

/// <summary>
/// The leaf of an event in the audit log: the UTF-8 of the event in canonical JSON (RFC 8785), the wire event without
/// <c>seq</c> and <c>salt</c>, with each personal field replaced by a commitment, base64 of SHA-256(salt ‖ UTF-8
/// value): <c>userId</c> becomes <c>subject</c>, and <c>evidence</c> (its canonical JSON) keeps its name but holds
/// the commitment. A null field stays null. Every log (this store, the server, any other instance) therefore holds the
/// same leaf for the same event, and deleting a person's user id, evidence and salt later leaves every leaf, and so
/// every proof, intact. Links and unlinks commit to their alias too; an erasure holds its subject hash and no
/// commitment. See docs/protocol.md §9.
/// </summary>
public static class AuditLeaf
{
    /// <summary>The leaf bytes of a valid event: it carries its salt, or it is scrubbed (its commitments), or it is an erasure.</summary>
    /// <param name="wireEvent">The event as the wire spells it (checked with <see cref="WireRules"/>).</param>
    /// <returns>The canonical JSON, UTF-8.</returns>
    /// <exception cref="ArgumentException">The event is neither scrubbed nor an erasure and has no valid salt.</exception>
    public static byte[] Bytes(WireEvent wireEvent)
    {
        ArgumentNullException.ThrowIfNull(wireEvent);
        string kind = wireEvent.Kind ?? WireFormat.ConsentKind;
        bool scrubbed = wireEvent.Scrubbed == true;
        byte[]? salt = WireFormat.ParseSalt(wireEvent.Salt);
        if (salt is null && !scrubbed && kind != WireFormat.ErasureKind)
        {
            throw new ArgumentException($"The event needs a salt of {WireFormat.SaltLength} bytes in base64.", nameof(wireEvent));
        }

        string? Commit(string? value, string? commitment) => scrubbed ? commitment : value is null ? null : Commitment(salt, value);
        string? subject = Commit(wireEvent.UserId, wireEvent.Subject);
        if (kind != WireFormat.ConsentKind)
        {
            // Later kinds have members of their own, and none of a consent choice's.
            var other = new Dictionary<string, object?>(8, StringComparer.Ordinal)
            {
                ["id"] = wireEvent.Id,
                ["kind"] = kind,
                ["occurredAt"] = wireEvent.OccurredAt,
                ["source"] = wireEvent.Source,
                ["origin"] = wireEvent.Origin,
            };
            if (kind == WireFormat.ErasureKind)
            {
                other["subjectHash"] = wireEvent.SubjectHash;
            }
            else if (kind is WireFormat.LinkKind or WireFormat.UnlinkKind)
            {
                other["subject"] = subject;
                other["alias"] = Commit(wireEvent.Alias, wireEvent.AliasCommitment);
            }

            return CanonicalJson.Object(other);
        }

        // Fields of protocol version 1 are always present (null as null); fields added later appear only when set,
        // so the leaf of an event written before they existed never changes.
        var members = new Dictionary<string, object?>(16, StringComparer.Ordinal)
        {
            ["id"] = wireEvent.Id,
            ["kind"] = kind,
            ["subject"] = subject,
            ["purpose"] = wireEvent.Purpose,
            ["channel"] = wireEvent.Channel,
            ["choice"] = wireEvent.Choice,
            ["policyVersion"] = wireEvent.PolicyVersion,
            ["occurredAt"] = wireEvent.OccurredAt,
            ["source"] = wireEvent.Source,
            ["jurisdiction"] = wireEvent.Jurisdiction,
            ["expiresAt"] = wireEvent.ExpiresAt,
            ["evidence"] = Commit(wireEvent.Evidence is null ? null : CanonicalJson.MapText(wireEvent.Evidence), wireEvent.EvidenceCommitment),
            ["origin"] = wireEvent.Origin,
        };
        if (wireEvent.Separate == true)
        {
            members["separate"] = true;
        }

        if (wireEvent.Frequency is { } frequency)
        {
            members["frequency"] = new Dictionary<string, object?>(2, StringComparer.Ordinal)
            {
                ["maxSends"] = frequency.MaxSends,
                ["period"] = frequency.Period,
            };
        }

        return CanonicalJson.Object(members);
    }

    /// <summary>
    /// The scrubbed form of an event whose person was erased: the same event with its user id, evidence, alias and
    /// salt replaced by the commitments its leaf holds, so its leaf (and every proof) stays the same while the
    /// personal data is gone. An event already scrubbed, or an erasure, comes back as a copy.
    /// </summary>
    /// <param name="wireEvent">A valid event that carries its salt.</param>
    /// <returns>A new event; <paramref name="wireEvent"/> is unchanged.</returns>
    /// <exception cref="ArgumentException">The event is not scrubbed, not an erasure, and has no valid salt.</exception>
    public static WireEvent Scrub(WireEvent wireEvent)
    {
        ArgumentNullException.ThrowIfNull(wireEvent);
        WireEvent copy = (WireEvent)wireEvent.MemberwiseCopy();
        if (wireEvent.Scrubbed == true || wireEvent.Kind == WireFormat.ErasureKind)
        {
            return copy;
        }

        byte[] salt = WireFormat.ParseSalt(wireEvent.Salt)
            ?? throw new ArgumentException($"The event needs a salt of {WireFormat.SaltLength} bytes in base64.", nameof(wireEvent));
        copy.Scrubbed = true;
        Commitments commitments = Commitments.Of(salt, wireEvent.UserId, wireEvent.Evidence, wireEvent.Alias);
        copy.Subject = commitments.Subject;
        copy.EvidenceCommitment = commitments.Evidence;
        copy.AliasCommitment = commitments.Alias;
        copy.UserId = null;
        copy.Evidence = null;
        copy.Alias = null;
        copy.Salt = null;
        return copy;
    }

    /// <summary>The leaf hash of a valid event that carries its salt: <see cref="MerkleLog.HashLeaf"/> of <see cref="Bytes"/>.</summary>
    /// <param name="wireEvent">The event, as for <see cref="Bytes"/>.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] Hash(WireEvent wireEvent) => MerkleLog.HashLeaf(Bytes(wireEvent));

    /// <summary>A commitment to a personal value: base64 of SHA-256(salt ‖ UTF-8 of <paramref name="value"/>).</summary>
    /// <param name="salt">The event's salt.</param>
    /// <param name="value">The value.</param>
    /// <returns>The commitment, in standard base64.</returns>
    public static string Commitment(ReadOnlySpan<byte> salt, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length = Encoding.UTF8.GetByteCount(value);
        byte[] buffer = new byte[salt.Length + length];
        salt.CopyTo(buffer);
        Encoding.UTF8.GetBytes(value, buffer.AsSpan(salt.Length));
        return Convert.ToBase64String(SHA256.HashData(buffer));
    }
}
