using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence;

/// <summary>
/// What exports, receipts, reports and the audit check read from: a store file and the instance that owns it. The
/// client's own store (<c>Storage/SqliteStore</c>) and a store opened read-only by <see cref="CpmEvidenceReader"/>
/// both serve it.
/// </summary>
internal interface IEvidenceStore
{
    /// <summary>The instance id stamped in the store, the origin of its checkpoints.</summary>
    string InstanceId { get; }

    /// <summary>A new, open connection that only reads, for one task; the caller disposes it.</summary>
    SqliteConnection OpenReader();
}
