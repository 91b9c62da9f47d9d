using Cpm.Sdk.Audit;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk;

/// <summary>The store's audit log: verification and checkpoints.</summary>
public sealed partial class CpmClient
{
    /// <summary>
    /// Checks the store's audit log: every event row is recomputed from its fields and salt and compared with its leaf,
    /// its place in the log and the chain, and the log rebuilt from them is compared with every checkpoint the store
    /// kept. An edited, deleted, inserted or moved row is found with its leaf index. Runs on a read connection beside
    /// the writer.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>What the check found.</returns>
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

    /// <summary>The store's latest checkpoint: its origin (this instance's id), size and root hash.</summary>
    /// <param name="cancellationToken">Not used: the checkpoint is kept in memory.</param>
    /// <returns>The checkpoint of the last commit.</returns>
    public Task<AuditCheckpoint> GetCheckpointAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        CheckpointRow row = _writer.Checkpoint;
        return Task.FromResult(new AuditCheckpoint(InstanceId, row.Size, row.Root));
    }
}
