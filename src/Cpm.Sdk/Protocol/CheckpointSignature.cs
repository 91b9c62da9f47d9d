using System.Security.Cryptography;

namespace Cpm.Sdk.Protocol;

/// <summary>
/// How checkpoints are signed (docs/protocol.md §9): ECDSA on P-256 with SHA-256 over the UTF-8 bytes of the
/// checkpoint text, the signature DER-encoded; a key is named by its key id, the lowercase hex SHA-256 of its
/// SubjectPublicKeyInfo DER. Keys travel as PEM: <c>PUBLIC KEY</c> for the public half, <c>PRIVATE KEY</c> (PKCS #8)
/// or <c>EC PRIVATE KEY</c> for the signing half.
/// </summary>
public static class CheckpointSignature
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The key id of a key: the lowercase hex SHA-256 of its public SubjectPublicKeyInfo DER.</summary>
    /// <param name="key">The key (public or private).</param>
    /// <returns>64 lowercase hex characters.</returns>
    public static string KeyId(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Signs a checkpoint text.</summary>
    /// <param name="checkpoint">The text (<see cref="CheckpointFormat.Format"/>).</param>
    /// <param name="privateKey">A P-256 private key.</param>
    /// <returns>The DER-encoded signature.</returns>
    public static byte[] Sign(string checkpoint, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(privateKey);
        return privateKey.SignData(
            CheckpointFormat.SignedBytes(checkpoint), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>Checks a checkpoint's signature.</summary>
    /// <param name="checkpoint">The text exactly as served.</param>
    /// <param name="signature">The DER-encoded signature.</param>
    /// <param name="publicKey">The P-256 key the checkpoint should be signed with.</param>
    /// <returns>Whether the signature is that key's over that text.</returns>
    public static bool Verify(string checkpoint, ReadOnlySpan<byte> signature, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(publicKey);
        try
        {
            return publicKey.VerifyData(
                CheckpointFormat.SignedBytes(checkpoint), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;   // not a DER signature at all
        }
    }

    /// <summary>Reads a P-256 public key from PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="key">The key, when valid; the caller disposes it.</param>
    /// <returns>
    /// Why the text is not such a key, as a phrase that follows the setting's name (<c>"must be a PEM block ..."</c>), or
    /// <see langword="null"/> with <paramref name="key"/> set.
    /// </returns>
    public static string? TryImportPublicKey(string? pem, out ECDsa? key) => TryImport(pem, ["PUBLIC KEY"], out key);

    /// <summary>Reads a P-256 private key from PEM (<c>PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>).</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="key">The key, when valid; the caller disposes it.</param>
    /// <returns>As for <see cref="TryImportPublicKey"/>.</returns>
    public static string? TryImportPrivateKey(string? pem, out ECDsa? key) => TryImport(pem, ["PRIVATE KEY", "EC PRIVATE KEY"], out key);

    private static string? TryImport(string? pem, string[] labels, out ECDsa? key)
    {
        key = null;
        string expected = string.Join(" or ", labels.Select(l => $"'-----BEGIN {l}-----'"));
        if (string.IsNullOrWhiteSpace(pem) || !PemEncoding.TryFind(pem, out PemFields fields)
            || !labels.Contains(pem[fields.Label].ToString(), StringComparer.Ordinal))
        {
            return $"must be a PEM block {expected}.";
        }

        var candidate = ECDsa.Create();
        try
        {
            candidate.ImportFromPem(pem);
            if (candidate.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != P256Oid)
            {
                candidate.Dispose();
                return "must be an ECDSA key on the P-256 curve.";
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            candidate.Dispose();
            return $"is not a readable {expected} ECDSA key.";
        }

        key = candidate;
        return null;
    }
}
