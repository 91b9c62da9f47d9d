using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Audit;

/// <summary>
/// The leaf of a stored consent event: <see cref="AuditLeaf"/> of the event as the wire spells it
/// (<see cref="WireEvent.FromRecord"/>), with its salt; written directly by <see cref="EventLeafWriter"/>.
/// </summary>
internal static class EventLeaf
{
    public static byte[] Bytes(ConsentRecord record, byte[] salt) => EventLeafWriter.Bytes(record, salt);

    public static byte[] Hash(ConsentRecord record, byte[] salt) => EventLeafWriter.Hash(record, salt);
}
