using System.Security.Cryptography;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Tests.Sync;

/// <summary>The checkpoint text and its signature (docs/protocol.md §9): one spelling, and a signature that binds every byte.</summary>
public sealed class CheckpointFormatTests
{
    private static readonly byte[] Root = SHA256.HashData("root"u8);

    [Fact]
    public void A_checkpoint_is_three_lines_that_read_back()
    {
        string text = CheckpointFormat.Format("cpm.example.com/log", 42, Root);

        text.Should().Be($"cpm.example.com/log\n42\n{Convert.ToBase64String(Root)}\n");
        CheckpointFormat.TryParse(text, out string origin, out long size, out byte[] root).Should().BeTrue();
        (origin, size).Should().Be(("cpm.example.com/log", 42L));
        root.Should().Equal(Root);
    }

    [Theory]
    [InlineData("o\n42\nROOT")]                 // no final line break
    [InlineData("o\n42\nROOT\n\n")]             // a fourth line
    [InlineData("o\r\n42\r\nROOT\r\n")]         // CRLF
    [InlineData("\n42\nROOT\n")]                // no origin
    [InlineData("o\n042\nROOT\n")]              // a leading zero
    [InlineData("o\n+42\nROOT\n")]              // a sign
    [InlineData("o\n-1\nROOT\n")]
    [InlineData("o\n 42\nROOT\n")]
    [InlineData("o\n99999999999999999999\nROOT\n")]   // beyond a long
    [InlineData("o\n42\nAAAA\n")]               // not 32 bytes
    [InlineData("o\n42\nROOTNOPAD\n")]          // base64 without padding
    [InlineData("o\tx\n42\nROOT\n")]            // a control character in the origin
    public void Any_other_spelling_is_not_a_checkpoint(string template)
    {
        string text = template.Replace("ROOTNOPAD", Convert.ToBase64String(Root).TrimEnd('='), StringComparison.Ordinal)
            .Replace("ROOT", Convert.ToBase64String(Root), StringComparison.Ordinal);

        CheckpointFormat.TryParse(text, out _, out _, out _).Should().BeFalse(text);
    }

    [Fact]
    public void Proof_hashes_are_standard_base64_of_32_bytes()
    {
        string hash = CheckpointFormat.FormatHash(Root);

        CheckpointFormat.ParseProof([hash, hash])!.Should().HaveCount(2).And.AllSatisfy(h => h.Should().Equal(Root));
        CheckpointFormat.ParseProof([hash, hash.TrimEnd('=')]).Should().BeNull();
        CheckpointFormat.ParseProof([Convert.ToBase64String(new byte[31])]).Should().BeNull();
        string withPlus = CheckpointFormat.FormatHash(Enumerable.Repeat((byte)0xfb, 32).ToArray());
        withPlus.Should().Contain("+");
        CheckpointFormat.ParseHash(withPlus.Replace('+', '-')).Should().BeNull("base64url is another spelling");
        CheckpointFormat.ParseProof(null).Should().BeNull();
        CheckpointFormat.ParseProof([]).Should().BeEmpty();
    }

    [Fact]
    public void A_bad_origin_is_refused_when_formatting()
    {
        Action blank = () => CheckpointFormat.Format(" ", 1, Root);
        Action newline = () => CheckpointFormat.Format("a\nb", 1, Root);
        Action shortRoot = () => CheckpointFormat.Format("a", 1, new byte[31]);

        blank.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("origin");
        newline.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("origin");
        shortRoot.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_signature_verifies_with_its_key_only_and_covers_every_byte_of_the_text()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string text = CheckpointFormat.Format("log", 7, Root);
        byte[] signature = CheckpointSignature.Sign(text, key);

        CheckpointSignature.Verify(text, signature, key).Should().BeTrue();
        CheckpointSignature.Verify(text, signature, other).Should().BeFalse();
        CheckpointSignature.Verify(CheckpointFormat.Format("log", 8, Root), signature, key).Should().BeFalse();
        CheckpointSignature.Verify(text, signature.AsSpan(0, signature.Length - 1), key).Should().BeFalse();
        CheckpointSignature.Verify(text, "not a signature"u8, key).Should().BeFalse();
    }

    [Fact]
    public void The_key_id_is_the_hex_sha256_of_the_public_key_info_and_survives_pem()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string pem = key.ExportSubjectPublicKeyInfoPem();

        CheckpointSignature.TryImportPublicKey(pem, out ECDsa? imported).Should().BeNull();
        using (imported)
        {
            CheckpointSignature.KeyId(imported!).Should().Be(CheckpointSignature.KeyId(key))
                .And.Be(Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())))
                .And.MatchRegex("^[0-9a-f]{64}$");
        }
    }

    [Fact]
    public void Only_p256_keys_with_the_right_pem_label_are_read()
    {
        using ECDsa p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using ECDsa p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using RSA rsa = RSA.Create(2048);

        CheckpointSignature.TryImportPublicKey(p384.ExportSubjectPublicKeyInfoPem(), out _).Should().Contain("P-256");
        CheckpointSignature.TryImportPublicKey(rsa.ExportSubjectPublicKeyInfoPem(), out _).Should().NotBeNull();
        CheckpointSignature.TryImportPublicKey(p256.ExportPkcs8PrivateKeyPem(), out _).Should().NotBeNull("a private key is not configured where a public one belongs");
        CheckpointSignature.TryImportPublicKey("not pem", out _).Should().NotBeNull();
        CheckpointSignature.TryImportPublicKey(null, out _).Should().NotBeNull();
        CheckpointSignature.TryImportPrivateKey(p256.ExportSubjectPublicKeyInfoPem(), out _).Should().NotBeNull();
        CheckpointSignature.TryImportPrivateKey(p256.ExportECPrivateKeyPem(), out ECDsa? sec1).Should().BeNull();
        sec1!.Dispose();
        CheckpointSignature.TryImportPrivateKey(p256.ExportPkcs8PrivateKeyPem(), out ECDsa? pkcs8).Should().BeNull();
        pkcs8!.Dispose();
    }

    [Fact]
    public void A_proof_read_from_its_spelling_verifies_with_MerkleLog()
    {
        byte[][] leaves = [.. Enumerable.Range(0, 5).Select(i => MerkleLog.HashLeaf([(byte)i]))];
        byte[] root = MerkleLog.RootOf(leaves);
        IReadOnlyList<byte[]> proof = MerkleLog.InclusionProof(3, 5, (level, index) => MerkleLog.RootOf(leaves[(int)(index << level)..(int)Math.Min(5, (index + 1) << level)]));

        IReadOnlyList<byte[]> read = CheckpointFormat.ParseProof([.. proof.Select(p => CheckpointFormat.FormatHash(p))])!;

        MerkleLog.VerifyInclusion(3, 5, leaves[3], read, root).Should().BeTrue();
    }
}
