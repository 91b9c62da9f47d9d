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
/// every proof, intact. See docs/protocol.md §9.
/// </summary>
public static class AuditLeaf
{
    /// <summary>The leaf bytes of a valid event that carries its salt.</summary>
    /// <param name="wireEvent">The event as the wire spells it (checked with <see cref="WireRules"/>), with its <see cref="WireEvent.Salt"/>.</param>
    /// <returns>The canonical JSON, UTF-8.</returns>
    /// <exception cref="ArgumentException">The event has no valid salt.</exception>
    public static byte[] Bytes(WireEvent wireEvent)
    {
        ArgumentNullException.ThrowIfNull(wireEvent);
        byte[] salt = WireFormat.ParseSalt(wireEvent.Salt)
            ?? throw new ArgumentException($"The event needs a salt of {WireFormat.SaltLength} bytes in base64.", nameof(wireEvent));

        // Fields of protocol version 1 are always present (null as null); fields added later appear only when set,
        // so the leaf of an event written before they existed never changes.
        var members = new Dictionary<string, object?>(16, StringComparer.Ordinal)
        {
            ["id"] = wireEvent.Id,
            ["kind"] = wireEvent.Kind ?? WireFormat.ConsentKind,
            ["subject"] = wireEvent.UserId is null ? null : Commitment(salt, wireEvent.UserId),
            ["purpose"] = wireEvent.Purpose,
            ["channel"] = wireEvent.Channel,
            ["choice"] = wireEvent.Choice,
            ["policyVersion"] = wireEvent.PolicyVersion,
            ["occurredAt"] = wireEvent.OccurredAt,
            ["source"] = wireEvent.Source,
            ["jurisdiction"] = wireEvent.Jurisdiction,
            ["expiresAt"] = wireEvent.ExpiresAt,
            ["evidence"] = wireEvent.Evidence is null ? null : Commitment(salt, CanonicalJson.MapText(wireEvent.Evidence)),
            ["origin"] = wireEvent.Origin,
        };
        if (wireEvent.Separate == true)
        {
            members["separate"] = true;
        }

        return CanonicalJson.Object(members);
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
