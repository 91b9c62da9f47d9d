using Cpm.Sdk;
using Cpm.Sdk.Protocol;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>
/// The form in which a valid pushed event is stored and served: the record read by <c>WireRules.TryParse</c> written
/// back with <c>WireEvent.FromRecord</c>, plus what only some kinds carry and a record does not (an erasure's
/// subject hash, a scrubbed event's commitments).
/// </summary>
internal static class CanonicalEvent
{
    /// <param name="wire">The event as pushed, valid under <c>WireRules</c>.</param>
    /// <param name="record">The record <c>WireRules.TryParse</c> read from it.</param>
    public static WireEvent Of(WireEvent wire, ConsentRecord record)
    {
        bool scrubbed = wire.Scrubbed == true;

        // A sender of protocol version 1 may send no salt: the server makes one, and every instance that pulls the event
        // gets it, so all logs but the sender's hold the same leaf. A scrubbed event and an erasure have none, and need none.
        byte[]? salt = scrubbed || record.Kind == EventKind.Erasure ? null : WireFormat.ParseSalt(wire.Salt) ?? WireFormat.NewSalt();
        WireEvent canonical = WireEvent.FromRecord(record, salt);
        if (record.Kind == EventKind.Erasure)
        {
            canonical.SubjectHash = wire.SubjectHash;
        }

        if (scrubbed)
        {
            canonical.UserId = null;   // a scrubbed event names no one; its record reads the missing id as ""
            canonical.Scrubbed = true;
            canonical.Subject = wire.Subject;
            canonical.EvidenceCommitment = wire.EvidenceCommitment;
            canonical.AliasCommitment = wire.AliasCommitment;
        }

        return canonical;
    }
}
