namespace Cpm.Sdk;

/// <summary>
/// A checkpoint of an audit log, as transparency logs write it: the log's origin, its size and the root hash of its
/// Merkle tree (RFC 6962 / RFC 9162). Its text form is <c>origin\nsize\nbase64(root)\n</c>.
/// </summary>
/// <param name="Origin">Whose log: this store's instance id, or the server's name.</param>
/// <param name="Size">The number of leaves (events) the checkpoint covers.</param>
/// <param name="RootHash">The 32-byte root hash; SHA-256 of nothing when the log is empty.</param>
public sealed record AuditCheckpoint(string Origin, long Size, byte[] RootHash);
