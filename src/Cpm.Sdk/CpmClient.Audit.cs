using Cpm.Sdk.Audit;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk;

/// <summary>The store's audit log: verification and checkpoints.</summary>
public sealed partial class CpmClient
{
    /// <inheritdoc/>
    /// <remarks>
    /// Every event row is recomputed from its fields and salt and compared with its leaf, its place in the log and the
    /// chain, and the log rebuilt from them is compared with every checkpoint the store kept. Runs on a read connection
    /// beside the writer.
    /// </remarks>
    public Task<AuditVerification> VerifyAuditAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return Task.Run(
            () =>
            {
                using SqliteConnection connection = _store.OpenReader();
                return AuditVerifier.Verify(connection, cancellationToken);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>The checkpoint of the last commit, kept in memory: origin is this instance's id.</remarks>
    public Task<AuditCheckpoint> GetCheckpointAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        try
        {
            CheckpointRow row = _writer.Checkpoint;
            return Task.FromResult(new AuditCheckpoint(InstanceId, row.Size, row.Root));
        }
        catch (CpmStoreException ex)
        {
            return Task.FromException<AuditCheckpoint>(ex);
        }
    }
}
