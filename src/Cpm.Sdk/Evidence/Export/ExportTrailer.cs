using Cpm.Sdk.Sync.Checkpoints;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>What an export says after its last record, read in the same snapshot as the records.</summary>
/// <param name="Count">How many records were written.</param>
/// <param name="Checkpoint">The store's latest checkpoint.</param>
/// <param name="Complete">
/// Whether the export holds every event of the log, in order (no filter was set), so the root of its leaves must equal
/// <paramref name="Checkpoint"/>'s.
/// </param>
/// <param name="Server">The last signed checkpoint of the endpoint's log the store verified and kept, when it syncs.</param>
internal sealed record ExportTrailer(long Count, AuditCheckpoint Checkpoint, bool Complete, ServerCheckpoint? Server)
{
    /// <summary>Whether <paramref name="query"/> sets no filter, so an export of it holds the whole log.</summary>
    public static bool IsComplete(ExportQuery query) =>
        query is { UserId: null, From: null, To: null, Purpose: null, Jurisdiction: null };
}
