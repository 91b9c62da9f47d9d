namespace Cpm.Sdk;

/// <summary>
/// The integrity check of the local store file. The parts the gate reads are checked before
/// <see cref="CpmClient.OpenAsync"/> returns (a failure there refuses the file); the rest, mostly the append-only
/// event history, is checked in the background after open.
/// </summary>
public enum StoreCheckState
{
    /// <summary>The background check of the whole file has not finished yet.</summary>
    Running,

    /// <summary>The whole file passed.</summary>
    Passed,

    /// <summary>The background check found damage; <see cref="SyncStatus.StoreProblem"/> says what. Restore the file from a backup.</summary>
    Failed,
}
