using Cpm.Sdk.AspNetCore.PreferenceCenter;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>The frequency select's values: <c>none</c> or <c>{sends}-{day|week|month}</c>, written and read back exactly.</summary>
public sealed class FrequencyValueTests
{
    public static TheoryData<string, int, FrequencyPeriod> Valid => new()
    {
        { "1-day", 1, FrequencyPeriod.Day },
        { "2-week", 2, FrequencyPeriod.Week },
        { "3-month", 3, FrequencyPeriod.Month },
        { "12-day", 12, FrequencyPeriod.Day },
        { "9999-week", 9999, FrequencyPeriod.Week },
        { "10000-day", FrequencyCap.MaxAllowed, FrequencyPeriod.Day },
        { "10000-month", FrequencyCap.MaxAllowed, FrequencyPeriod.Month },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_value_the_page_writes_reads_back_as_the_same_cap(string text, int sends, FrequencyPeriod period)
    {
        var cap = new FrequencyCap(sends, period);

        FrequencyValue.TryParse(text, out FrequencyCap? read).Should().BeTrue(text);

        read.Should().Be(cap);
        FrequencyValue.Format(cap).Should().Be(text);
    }

    [Fact]
    public void None_is_no_cap_both_ways()
    {
        FrequencyValue.TryParse("none", out FrequencyCap? read).Should().BeTrue();

        read.Should().BeNull();
        FrequencyValue.Format(null).Should().Be("none");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("-day")]
    [InlineData("1")]
    [InlineData("1-")]
    [InlineData("1-year")]
    [InlineData("1-Day")]
    [InlineData("1-days")]
    [InlineData("1 -day")]
    [InlineData(" 1-day")]
    [InlineData("1-day ")]
    [InlineData("0-day")]
    [InlineData("01-day")]
    [InlineData("+1-day")]
    [InlineData("-1-day")]
    [InlineData("1e3-day")]
    [InlineData("١-day")]
    [InlineData("10001-day")]
    [InlineData("99999-week")]
    [InlineData("100000-day")]
    [InlineData("99999999999-day")]
    [InlineData("None")]
    [InlineData("1-week-day")]
    public void Anything_else_is_not_a_frequency(string? text)
    {
        FrequencyValue.TryParse(text, out FrequencyCap? read).Should().BeFalse();

        read.Should().BeNull();
    }
}
