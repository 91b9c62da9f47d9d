using System.Globalization;
using System.Text;
using Cpm.Sdk.Audit;

namespace Cpm.Sdk.Protocol;

/// <summary>
/// The text of a signed checkpoint (docs/protocol.md §9), in the form of transparency-dev checkpoints: exactly three
/// lines, each ending in <c>\n</c>: the log's origin, its size in decimal, and its root hash in standard base64 with
/// padding. Also how proofs spell hashes: standard base64 of <see cref="MerkleLog.HashSize"/> bytes. Every value has
/// one spelling; parsers refuse any other.
/// </summary>
public static class CheckpointFormat
{
    /// <summary>The longest origin, in characters.</summary>
    public const int MaxOriginLength = 255;

    /// <summary>Writes a checkpoint text.</summary>
    /// <param name="origin">The log's name (<see cref="OriginProblem"/>).</param>
    /// <param name="size">The number of leaves.</param>
    /// <param name="rootHash">The root hash of those leaves.</param>
    /// <returns><c>origin\nsize\nbase64(root)\n</c>.</returns>
    /// <exception cref="ArgumentException">The origin, size or root hash is not valid.</exception>
    public static string Format(string origin, long size, ReadOnlySpan<byte> rootHash)
    {
        if (OriginProblem(origin) is { } problem)
        {
            throw new ArgumentException(problem, nameof(origin));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return string.Create(CultureInfo.InvariantCulture, $"{origin}\n{size}\n{FormatHash(rootHash)}\n");
    }

    /// <summary>Reads a checkpoint text: exactly three lines ending in <c>\n</c>, a valid origin, a size, a root hash.</summary>
    /// <param name="text">The text.</param>
    /// <param name="origin">The origin, when valid.</param>
    /// <param name="size">The size, when valid.</param>
    /// <param name="rootHash">The root hash, when valid.</param>
    /// <returns>Whether <paramref name="text"/> is a checkpoint.</returns>
    public static bool TryParse(string? text, out string origin, out long size, out byte[] rootHash)
    {
        (origin, size, rootHash) = ("", 0, []);
        string[] lines = text?.Split('\n') ?? [];
        if (lines is not [{ } first, { } sizeText, { } rootText, ""] || OriginProblem(first) is not null
            || ParseSize(sizeText) is not { } parsedSize || ParseHash(rootText) is not { } root)
        {
            return false;
        }

        (origin, size, rootHash) = (first, parsedSize, root);
        return true;
    }

    /// <summary>Why <paramref name="origin"/> cannot name a log, or <see langword="null"/>: 1 to <see cref="MaxOriginLength"/> characters, no control characters, not blank.</summary>
    /// <param name="origin">The origin.</param>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    public static string? OriginProblem(string? origin) =>
        string.IsNullOrWhiteSpace(origin) ? "The log origin must not be empty or blank."
        : origin.Length > MaxOriginLength ? $"The log origin must be at most {MaxOriginLength} characters."
        : origin.Any(char.IsControl) ? "The log origin must not contain control characters or line breaks."
        : null;

    /// <summary>A hash as proofs and checkpoints spell it: standard base64 with padding.</summary>
    /// <param name="hash">The <see cref="MerkleLog.HashSize"/> bytes.</param>
    /// <returns>44 characters.</returns>
    /// <exception cref="ArgumentException">The hash is not <see cref="MerkleLog.HashSize"/> bytes.</exception>
    public static string FormatHash(ReadOnlySpan<byte> hash) => hash.Length == MerkleLog.HashSize
        ? Convert.ToBase64String(hash)
        : throw new ArgumentException($"A hash is {MerkleLog.HashSize} bytes.", nameof(hash));

    /// <summary>Reads a hash: standard base64 with padding of exactly <see cref="MerkleLog.HashSize"/> bytes.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The bytes, or <see langword="null"/> when <paramref name="value"/> is not such a hash.</returns>
    public static byte[]? ParseHash(string? value)
    {
        Span<byte> bytes = stackalloc byte[MerkleLog.HashSize + 3];
        return value is { Length: 44 } && Convert.TryFromBase64String(value, bytes, out int written) && written == MerkleLog.HashSize
            && string.Equals(Convert.ToBase64String(bytes[..MerkleLog.HashSize]), value, StringComparison.Ordinal)
            ? bytes[..MerkleLog.HashSize].ToArray()
            : null;
    }

    /// <summary>Reads a proof: every element a hash (<see cref="ParseHash"/>).</summary>
    /// <param name="proof">The proof as served.</param>
    /// <returns>The hashes, or <see langword="null"/> when the proof is missing or an element is not a hash.</returns>
    public static IReadOnlyList<byte[]>? ParseProof(IReadOnlyList<string>? proof)
    {
        if (proof is null || proof.Count > 128)
        {
            return null;
        }

        var hashes = new List<byte[]>(proof.Count);
        foreach (string item in proof)
        {
            if (ParseHash(item) is not { } hash)
            {
                return null;
            }

            hashes.Add(hash);
        }

        return hashes;
    }

    /// <summary>The UTF-8 bytes a signature covers.</summary>
    internal static byte[] SignedBytes(string checkpoint) => Encoding.UTF8.GetBytes(checkpoint);

    private static long? ParseSize(string text) =>
        text.Length is > 0 and <= 19 && text.All(char.IsAsciiDigit) && (text == "0" || text[0] != '0')
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long size) ? size : null;
}
