using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;

namespace Cpm.Sdk.Audit;

/// <summary>
/// The leaf of a stored event: <see cref="AuditLeaf"/> of the event as the wire spells it
/// (<see cref="WireEvent.FromRecord"/>), with its salt. A consent event that still holds its personal data, nearly every
/// event, is written directly by <see cref="EventLeafWriter"/>; other kinds and scrubbed events take the general path.
/// </summary>
internal static class EventLeaf
{
    public static byte[] Bytes(StoredEvent stored) => IsFast(stored)
        ? EventLeafWriter.Bytes(stored.Record, stored.Salt!)
        : AuditLeaf.Bytes(Sync.WireMapping.ToWire(stored));

    public static byte[] Hash(StoredEvent stored) => IsFast(stored)
        ? EventLeafWriter.Hash(stored.Record, stored.Salt!)
        : MerkleLog.HashLeaf(Bytes(stored));

    public static byte[] Bytes(ConsentRecord record, byte[] salt) => EventLeafWriter.Bytes(record, salt);

    public static byte[] Hash(ConsentRecord record, byte[] salt) => EventLeafWriter.Hash(record, salt);

    private static bool IsFast(StoredEvent stored) =>
        stored.Record.Kind == EventKind.Consent && stored.Scrubbed is null && stored.Salt is not null;
}
