using System.Security.Cryptography;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Sync.Checkpoints;

/// <summary>A public key the endpoint's checkpoints must be signed with: configured, or pinned at first sight.</summary>
/// <param name="Key">The P-256 public key.</param>
/// <param name="KeyId">Its key id.</param>
/// <param name="Pem">Its PEM, as configured or kept.</param>
/// <param name="Source">Where it comes from, for messages: <c>ServerPublicKey</c> or <c>pinned key</c>.</param>
internal sealed record TrustedKey(ECDsa Key, string KeyId, string Pem, string Source)
{
    public const string Configured = "CpmOptions.ServerPublicKey";
    public const string Pinned = "pinned key";

    /// <summary>Reads a public key PEM; <see langword="null"/> when it is not a P-256 public key.</summary>
    public static TrustedKey? From(string? pem, string source) =>
        pem is not null && CheckpointSignature.TryImportPublicKey(pem, out ECDsa? key) is null
            ? new TrustedKey(key!, CheckpointSignature.KeyId(key!), pem, source)
            : null;
}

/// <summary>The keys of what the checks keep in <c>sync_state</c>, written through the single writer.</summary>
internal static class CheckpointKeys
{
    /// <summary>The last verified checkpoint, as served (<see cref="ServerCheckpoint.ToJson"/>).</summary>
    public const string Checkpoint = "server_checkpoint";

    /// <summary>The endpoint's public key as PEM, pinned at first sight when no key is configured.</summary>
    public const string PinnedKey = "server_checkpoint_key";
}
