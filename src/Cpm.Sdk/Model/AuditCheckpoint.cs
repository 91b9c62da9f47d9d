namespace Cpm.Sdk;

/// <summary>
/// A checkpoint of an audit log: who keeps the log (<paramref name="Origin"/>), how many leaves it held, and its RFC 6962
/// root hash at that size. Anything appended later must be consistent with it, so a checkpoint written down (an export's
/// trailer, a receipt, a server's signed checkpoint) makes every earlier event tamper-evident.
/// </summary>
/// <param name="Origin">The log's origin: this store's instance id, or the server's log origin.</param>
/// <param name="Size">The number of leaves.</param>
/// <param name="RootHash">The 32-byte root hash.</param>
public sealed record AuditCheckpoint(string Origin, long Size, byte[] RootHash)
{
    /// <summary>The checkpoint in the text form of transparency-dev checkpoints: <c>origin\nsize\nbase64(root)\n</c>.</summary>
    public string Text => $"{Origin}\n{Size.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n";
}
