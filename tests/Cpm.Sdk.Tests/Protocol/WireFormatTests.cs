using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Tests.Protocol;

public sealed class WireFormatTests
{
    [Fact]
    public void Every_choice_and_legal_basis_has_one_spelling_that_reads_back()
    {
        foreach (ConsentChoice choice in Enum.GetValues<ConsentChoice>())
        {
            WireFormat.ParseChoice(WireFormat.FormatChoice(choice)).Should().Be(choice);
        }

        foreach (LegalBasis basis in Enum.GetValues<LegalBasis>())
        {
            WireFormat.ParseLegalBasis(WireFormat.FormatLegalBasis(basis)).Should().Be(basis);
        }

        Enum.GetValues<ConsentChoice>().Select(WireFormat.FormatChoice).Should().Equal("granted", "denied", "withdrawn");
        Enum.GetValues<LegalBasis>().Select(WireFormat.FormatLegalBasis)
            .Should().Equal("consent", "legitimateInterest", "contract", "legalObligation", "optOut");
    }

    [Theory]
    [InlineData("Granted")]
    [InlineData("GRANTED")]
    [InlineData(" granted")]
    [InlineData("0")]
    [InlineData("")]
    [InlineData(null)]
    public void A_choice_in_any_other_spelling_is_not_read(string? text) =>
        WireFormat.ParseChoice(text).Should().BeNull();

    [Fact]
    public void An_undefined_choice_is_refused_instead_of_spelled_as_some_other_choice()
    {
        Action format = () => WireFormat.FormatChoice((ConsentChoice)7);

        format.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("choice");
    }

    [Fact]
    public void An_undefined_legal_basis_is_refused_instead_of_spelled_as_some_other_basis()
    {
        Action format = () => WireFormat.FormatLegalBasis((LegalBasis)(-1));

        format.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("basis");
    }

    [Fact]
    public void A_timestamp_is_written_in_utc_with_milliseconds_whatever_its_offset()
    {
        var shanghai = new DateTimeOffset(2026, 11, 22, 18, 0, 0, 123, TimeSpan.FromHours(8)).AddTicks(4567);

        WireFormat.FormatTimestamp(shanghai).Should().Be("2026-11-22T10:00:00.123Z");
        WireFormat.FormatTimestamp((DateTimeOffset?)null).Should().BeNull();
        WireFormat.ParseTimestamp(WireFormat.FormatTimestamp(shanghai))
            .Should().Be(new DateTimeOffset(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero));
    }

    [Fact]
    public void Any_lowercase_uuid_is_recognised_as_a_lookup_key_but_only_a_uuidv7_is_an_event_id()
    {
        const string v4 = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

        WireFormat.IsLowercaseUuid(v4, out Guid key).Should().BeTrue();
        WireFormat.FormatId(key).Should().Be(v4);
        WireFormat.TryParseId(v4, out Guid id).Should().BeFalse();
        id.Should().Be(Guid.Empty);
    }

    [Theory]
    [InlineData("3F2504E0-4F89-41D3-9A0C-0305E82C3301")]
    [InlineData("{3f2504e0-4f89-41d3-9a0c-0305e82c3301}")]
    [InlineData("3f2504e04f8941d39a0c0305e82c3301")]
    [InlineData("not a uuid")]
    [InlineData(null)]
    public void Another_form_of_a_uuid_is_no_lookup_key(string? text)
    {
        WireFormat.IsLowercaseUuid(text, out Guid key).Should().BeFalse();
        key.Should().Be(Guid.Empty, "a refused value yields no id");
    }
}
