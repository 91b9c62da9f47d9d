using System.Security.Cryptography;
using Cpm.Sdk.Protocol;

namespace Cpm.ReferenceServer.Hosting;

/// <summary>
/// The key that signs checkpoints (docs/protocol.md §9): from <see cref="ReferenceServerOptions.CheckpointKeyPem"/> or
/// <see cref="ReferenceServerOptions.CheckpointKeyPath"/>, else the development key kept beside the database, made at
/// first start with owner-only permissions and reused on every later start.
/// </summary>
internal sealed class CheckpointKey : IDisposable
{
    private readonly Lock _lock = new();

    private CheckpointKey(ECDsa key, string? developmentKeyPath, bool generated)
    {
        Key = key;
        KeyId = CheckpointSignature.KeyId(key);
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        DevelopmentKeyPath = developmentKeyPath;
        Generated = generated;
    }

    /// <summary>The signing key; sign through <see cref="Sign"/>, which serializes its use.</summary>
    private ECDsa Key { get; }

    /// <summary>The lowercase hex SHA-256 of the public key's SubjectPublicKeyInfo DER.</summary>
    public string KeyId { get; }

    /// <summary>The public key as PEM (<c>-----BEGIN PUBLIC KEY-----</c>), as served and printed.</summary>
    public string PublicKeyPem { get; }

    /// <summary>The development key's file, or <see langword="null"/> when the key is configured.</summary>
    public string? DevelopmentKeyPath { get; }

    /// <summary>Whether the development key was made at this start.</summary>
    public bool Generated { get; }

    /// <summary>Loads the configured key, or the database's development key (made now if missing).</summary>
    /// <exception cref="ArgumentException"><see cref="ReferenceServerOptions.CheckpointKeyPath"/> cannot be read as a key.</exception>
    /// <exception cref="InvalidOperationException">The development key file exists but holds no usable key.</exception>
    public static CheckpointKey Load(ReferenceServerOptions options, string databasePath)
    {
        string? pem = options.CheckpointKeyPem;
        string option = nameof(ReferenceServerOptions.CheckpointKeyPem);
        if (string.IsNullOrWhiteSpace(pem) && !string.IsNullOrWhiteSpace(options.CheckpointKeyPath))
        {
            option = nameof(ReferenceServerOptions.CheckpointKeyPath);
            try
            {
                pem = File.ReadAllText(options.CheckpointKeyPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException(
                    $"Invalid ReferenceServerOptions: CheckpointKeyPath '{options.CheckpointKeyPath}' cannot be read ({ex.GetType().Name}).", nameof(options), ex);
            }
        }

        if (!string.IsNullOrWhiteSpace(pem))
        {
            return CheckpointSignature.TryImportPrivateKey(pem, out ECDsa? configured) is { } invalid
                ? throw new ArgumentException($"Invalid ReferenceServerOptions: {option} {invalid}", nameof(options))
                : new CheckpointKey(configured!, null, generated: false);
        }

        string path = ReferenceServerOptions.DevelopmentKeyPath(databasePath);
        bool generated = TryCreateDevelopmentKey(path);
        string? problem = CheckpointSignature.TryImportPrivateKey(File.ReadAllText(path), out ECDsa? key);
        return problem is null
            ? new CheckpointKey(key!, path, generated)
            : throw new InvalidOperationException($"The development checkpoint key '{path}' {problem} Restore it, or configure a key; it was left untouched.");
    }

    /// <summary>Signs a checkpoint text (DER).</summary>
    public byte[] Sign(string checkpoint)
    {
        lock (_lock)
        {
            return CheckpointSignature.Sign(checkpoint, Key);
        }
    }

    public void Dispose() => Key.Dispose();

    /// <summary>Writes a new P-256 key as PKCS #8 PEM, readable by the owner only, unless the file exists.</summary>
    private static bool TryCreateDevelopmentKey(string path)
    {
        if (File.Exists(path))
        {
            return false;
        }

        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;   // never readable by others, not even briefly
        }

        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            using var stream = new FileStream(path, create);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(key.ExportPkcs8PrivateKeyPem());
                writer.Write('\n');
            }

            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;   // another process made it first: use theirs
        }
    }
}
