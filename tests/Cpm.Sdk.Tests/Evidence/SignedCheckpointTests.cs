using Cpm.Sdk.Evidence.Receipts;

namespace Cpm.Sdk.Tests.Evidence;

/// <summary>A checkpoint's text form is exactly <c>origin\nsize\nbase64(root)\n</c>; anything else is not a checkpoint.</summary>
public sealed class SignedCheckpointTests
{
    private static readonly string Root = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void A_well_formed_checkpoint_is_read()
    {
        AuditCheckpoint checkpoint = SignedCheckpoint.TryParse($"cpm.example.com/log\n42\n{Root}\n")!;

        checkpoint.Origin.Should().Be("cpm.example.com/log");
        checkpoint.Size.Should().Be(42);
        checkpoint.RootHash.Should().Equal(Enumerable.Range(0, 32).Select(i => (byte)i));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("origin\n42\nROOT")]
    [InlineData("origin\n42\nROOT\n\n")]
    [InlineData("origin\n42\nROOT\nextra\n")]
    [InlineData("\n42\nROOT\n")]
    [InlineData("origin\n-1\nROOT\n")]
    [InlineData("origin\n042\nROOT\n")]
    [InlineData("origin\n 42\nROOT\n")]
    [InlineData("origin\n42\nAAAA\n")]
    [InlineData("origin\n42\nnot base64!\n")]
    [InlineData("origin\r\n42\r\nROOT\r\n")]
    public void Anything_else_is_not_a_checkpoint(string? text)
    {
        SignedCheckpoint.TryParse(text?.Replace("ROOT", Root, StringComparison.Ordinal)).Should().BeNull();
    }
}
