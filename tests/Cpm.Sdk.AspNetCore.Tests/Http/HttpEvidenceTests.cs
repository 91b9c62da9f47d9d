using System.Net;
using Cpm.Sdk.AspNetCore.Http;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.AspNetCore.Tests.Http;

/// <summary>The evidence a request gives a capture: the client's address as people write it, and a bounded user agent.</summary>
public sealed class HttpEvidenceTests
{
    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("::1", "::1")]
    public void The_address_is_written_as_the_client_has_it(string remote, string recorded)
    {
        DefaultHttpContext context = Request(IPAddress.Parse(remote), userAgent: null);

        HttpEvidence.Of(context).Should().Equal(new Dictionary<string, string> { ["ip"] = recorded });
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(HttpEvidence.MaxUserAgentLength, HttpEvidence.MaxUserAgentLength)]
    [InlineData(HttpEvidence.MaxUserAgentLength + 1, HttpEvidence.MaxUserAgentLength)]
    [InlineData(4_000, HttpEvidence.MaxUserAgentLength)]
    public void A_user_agent_is_kept_up_to_its_limit(int length, int kept)
    {
        string userAgent = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

        Dictionary<string, string> evidence = HttpEvidence.Of(Request(address: null, userAgent));

        evidence.Should().ContainKey("userAgent").WhoseValue.Should().Be(userAgent[..kept]);
        evidence.Should().NotContainKey("ip", "the connection has no address");
    }

    [Fact]
    public void No_user_agent_and_an_empty_one_add_nothing()
    {
        HttpEvidence.Of(Request(address: null, userAgent: null)).Should().BeEmpty();
        HttpEvidence.Of(Request(address: null, userAgent: "")).Should().BeEmpty();
    }

    [Fact]
    public void A_key_the_caller_gave_keeps_the_callers_value_and_the_callers_dictionary_is_not_changed()
    {
        var given = new Dictionary<string, string> { ["ip"] = "203.0.113.9", ["kiosk"] = "lobby-2" };

        Dictionary<string, string> evidence = HttpEvidence.Of(Request(IPAddress.Parse("10.0.0.1"), "kiosk-browser/1.0"), given);

        evidence.Should().Equal(new Dictionary<string, string> { ["ip"] = "203.0.113.9", ["kiosk"] = "lobby-2", ["userAgent"] = "kiosk-browser/1.0" });
        given.Should().HaveCount(2);
    }

    private static DefaultHttpContext Request(IPAddress? address, string? userAgent)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = address;
        if (userAgent is not null)
        {
            context.Request.Headers.UserAgent = userAgent;
        }

        return context;
    }
}
