using System.Globalization;
using Cpm.Sdk.Audit;

namespace Cpm.Sdk.Evidence.Receipts;

/// <summary>Reads the text form of a checkpoint: exactly three lines, <c>origin\nsize\nbase64(root)\n</c>.</summary>
internal static class SignedCheckpoint
{
    /// <summary>The checkpoint, or <see langword="null"/> when <paramref name="text"/> is not exactly that form.</summary>
    public static AuditCheckpoint? TryParse(string? text)
    {
        string[] lines = text?.Split('\n') ?? [];
        if (lines is not [{ Length: > 0 } origin, var sizeText, var rootText, ""]
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out long size)
            || !string.Equals(size.ToString(CultureInfo.InvariantCulture), sizeText, StringComparison.Ordinal))
        {
            return null;
        }

        byte[] root = new byte[MerkleLog.HashSize];
        return Convert.TryFromBase64String(rootText, root, out int written) && written == MerkleLog.HashSize
            && string.Equals(Convert.ToBase64String(root), rootText, StringComparison.Ordinal)
            ? new AuditCheckpoint(origin, size, root)
            : null;
    }
}
