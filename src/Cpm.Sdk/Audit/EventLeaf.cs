using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Audit;

/// <summary>The leaf of a stored consent event: <see cref="AuditLeaf"/> of the event as the wire spells it, with its salt.</summary>
internal static class EventLeaf
{
    public static byte[] Bytes(ConsentRecord record, byte[] salt) => AuditLeaf.Bytes(WireEvent.FromRecord(record, salt));

    public static byte[] Hash(ConsentRecord record, byte[] salt) => AuditLeaf.Hash(WireEvent.FromRecord(record, salt));
}
