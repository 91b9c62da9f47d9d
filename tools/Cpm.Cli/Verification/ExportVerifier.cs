using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;

namespace Cpm.Cli.Verification;

/// <summary>
/// Checks a JSON Lines export line by line, in constant memory: each record's leaf is recomputed from its fields and
/// salt (<see cref="AuditLeaf"/>), or for a scrubbed record from the commitments it carries and for an erasure from its
/// subject hash, and must equal the <c>leafHash</c> it carries; the trailer's count must match; an export marked
/// complete must rebuild the store checkpoint of its trailer (size and root, <see cref="MerkleFrontier"/>); with a key,
/// the endpoint's signed checkpoint in the trailer must verify under it.
/// </summary>
internal static class ExportVerifier
{
    public static async Task<ExportCheck> VerifyAsync(Stream export, ECDsa? serverKey, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(export, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        var frontier = new MerkleFrontier();
        var kinds = new ExportKinds();
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException)
            {
                return ExportCheck.Bad(frontier.Size, line, "the line is not JSON");
            }

            using (document)
            {
                JsonElement root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("trailer", out JsonElement trailer) && trailer.ValueKind == JsonValueKind.True)
                {
                    if (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is not null)
                    {
                        return ExportCheck.Bad(frontier.Size, line + 1, "a line follows the trailer");
                    }

                    return CheckTrailer(root, frontier, kinds, line, serverKey);
                }

                if (LeafProblem(root, kinds) is { } problem)
                {
                    return ExportCheck.Bad(frontier.Size, line, problem);
                }

                frontier.Append(Convert.FromHexString(root.GetProperty("leafHash").GetString()!));
            }
        }

        return ExportCheck.Bad(frontier.Size, null, "the export has no trailer line: it was cut short");
    }

    private static string? LeafProblem(JsonElement line, ExportKinds kinds)
    {
        if (line.ValueKind != JsonValueKind.Object
            || !line.TryGetProperty("leafHash", out JsonElement hash) || hash.ValueKind != JsonValueKind.String
            || hash.GetString() is not { Length: MerkleLog.HashSize * 2 } hex || !IsHex(hex))
        {
            return "the record has no leafHash";
        }

        WireEvent? wire;
        try
        {
            wire = line.Deserialize(ProtocolJson.WireEvent);
        }
        catch (JsonException)
        {
            return "the record's fields are malformed";
        }

        if (wire is null)
        {
            return "the record's fields are malformed";
        }

        bool scrubbed = wire.Scrubbed == true;
        bool erasure = wire.Kind == WireFormat.ErasureKind;
        if ((scrubbed || erasure) && (wire.UserId is not null || wire.Evidence is not null || wire.Alias is not null || wire.Salt is not null))
        {
            // Its leaf holds commitments or a hash, not these fields: they would pass unchecked.
            return scrubbed
                ? "the record is scrubbed but carries a user id, evidence, alias or salt, which its leaf does not cover"
                : "the erasure carries a user id, evidence, alias or salt, which its leaf does not cover";
        }

        if (!scrubbed && !erasure && WireFormat.ParseSalt(wire.Salt) is null)
        {
            return "the record has no valid salt, so its leaf cannot be recomputed";
        }

        byte[] leaf;
        try
        {
            leaf = AuditLeaf.Hash(wire);
        }
        catch (ArgumentException)
        {
            return "the record's fields are malformed";
        }

        if (!Convert.FromHexString(hex).AsSpan().SequenceEqual(leaf))
        {
            return "the record's fields do not match its leafHash (edited)";
        }

        kinds.Count(wire.Kind ?? WireFormat.ConsentKind, scrubbed);
        return null;
    }

    private static ExportCheck CheckTrailer(JsonElement trailer, MerkleFrontier frontier, ExportKinds kinds, long line, ECDsa? serverKey)
    {
        var findings = new List<string>();
        if (!trailer.TryGetProperty("count", out JsonElement count) || !count.TryGetInt64(out long expected) || expected != frontier.Size)
        {
            return ExportCheck.Bad(frontier.Size, line, $"the trailer's count does not match the {frontier.Size:N0} records (a line was added or removed)");
        }

        findings.Add($"{frontier.Size:N0} records{kinds.Breakdown()}, each matching its leaf hash");
        kinds.Notes(findings);
        bool complete = trailer.TryGetProperty("complete", out JsonElement c) && c.ValueKind == JsonValueKind.True;
        if (complete)
        {
            JsonElement checkpoint = trailer.GetProperty("checkpoint");
            long size = checkpoint.GetProperty("size").GetInt64();
            byte[] root = checkpoint.GetProperty("rootHash").GetBytesFromBase64();
            if (size != frontier.Size || !root.AsSpan().SequenceEqual(frontier.Root()))
            {
                return ExportCheck.Bad(frontier.Size, line, "the records do not rebuild the store checkpoint in the trailer (removed, added or reordered)");
            }

            findings.Add($"they rebuild the store checkpoint (origin {checkpoint.GetProperty("origin").GetString()}, size {size:N0}, root {CheckpointFormat.FormatHash(root)})");
        }
        else
        {
            findings.Add("a filtered export: the store checkpoint cannot be rebuilt from it, only each record checked");
        }

        return ServerProblem(trailer, serverKey, findings) is { } problem
            ? ExportCheck.Bad(frontier.Size, line, problem)
            : new ExportCheck(true, frontier.Size, null, null, findings);
    }

    private static string? ServerProblem(JsonElement trailer, ECDsa? key, List<string> findings)
    {
        bool present = trailer.TryGetProperty("serverCheckpoint", out JsonElement server) && server.ValueKind == JsonValueKind.Object;
        if (key is null)
        {
            findings.Add(present ? "the endpoint's signed checkpoint was not checked (no --key)" : "the export carries no endpoint checkpoint");
            return null;
        }

        if (!present)
        {
            return "the export carries no endpoint checkpoint to check against the key (the store never synced)";
        }

        string text = server.GetProperty("checkpoint").GetString() ?? "";
        string keyId = server.GetProperty("keyId").GetString() ?? "";
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(server.GetProperty("signature").GetString() ?? "");
        }
        catch (FormatException)
        {
            return "the endpoint checkpoint's signature is not base64";
        }

        if (!string.Equals(keyId, CheckpointSignature.KeyId(key), StringComparison.Ordinal))
        {
            return "the endpoint checkpoint was signed by another key than --key";
        }

        if (!CheckpointFormat.TryParse(text, out string origin, out long size, out byte[] _) || !CheckpointSignature.Verify(text, signature, key))
        {
            return "the endpoint checkpoint's signature does not verify under --key";
        }

        findings.Add($"the endpoint's checkpoint (origin {origin}, size {size:N0}) is signed by --key; the store verified its log against it");
        return null;
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);
}
