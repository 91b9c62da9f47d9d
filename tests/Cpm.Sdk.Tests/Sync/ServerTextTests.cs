using Cpm.Sdk.Sync;

namespace Cpm.Sdk.Tests.Sync;

public sealed class ServerTextTests
{
    [Fact]
    public void Control_and_formatting_characters_become_spaces()
    {
        ServerText.Clean("bad\r\nline\tbreak\u0007 and \u202Eoverride\u2028end").Should().Be("bad  line break  and  override end");
    }

    [Fact]
    public void Long_text_is_cut_to_200_characters_without_splitting_a_surrogate_pair()
    {
        string cut = ServerText.Clean(new string('a', 198) + "🙂🙂🙂");

        cut.Length.Should().BeLessThanOrEqualTo(ServerText.MaxLength);
        cut.Should().EndWith("…");
        cut.Should().NotContain("\uD83D…", "a high surrogate is never left alone");
        ServerText.Clean(new string('b', 200)).Should().HaveLength(200, "text within the bound is kept whole");
    }

    [Fact]
    public void Nothing_stays_nothing()
    {
        ServerText.Clean(null).Should().BeEmpty();
        ServerText.Clean("\u0000\u0001").Should().BeEmpty();
    }
}
