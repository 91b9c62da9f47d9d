using System.Net;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.AspNetCore.Tests.Gpc;

/// <summary>
/// Global Privacy Control end to end on Kestrel: the signal from a signed-in person is a denial of every purpose that
/// honours it, recorded once per person with source gpc; an explicit choice wins; the well-known resource is served.
/// </summary>
public sealed class GpcTests
{
    [Fact]
    public async Task Sec_GPC_1_from_a_signed_in_person_opts_them_out_of_every_honoring_purpose_before_the_page_runs()
    {
        using var store = new TempStore();
        await using TestSite site = await GpcSite.StartAsync(store);

        using HttpResponseMessage page = await site.Http.SendAsync(GpcSite.Page("用户-1", "1"));

        (await page.Content.ReadAsStringAsync()).Should().Be("signal");
        IReadOnlyList<ConsentRecord> records = await GpcSite.GpcRecordsAsync(site.Client, "用户-1");
        records.Select(r => r.Purpose).Should().Equal("ads", "analytics", "marketing");
        records.Should().OnlyContain(r => r.Choice == ConsentChoice.Denied && r.Channel == "*" && r.Source == "gpc");
        records[0].Evidence.Should().Equal(new Dictionary<string, string> { ["ip"] = "127.0.0.1", ["userAgent"] = "gpc-browser/2.0", ["signal"] = "Sec-GPC: 1" });
        records.Select(r => r.RecordedAt).Distinct().Should().ContainSingle("one transaction");
        site.Client.Evaluate("用户-1", "ads", "sms").Reason.Should().Be(DecisionReason.Denied, "an opt-out purpose, opted out");
        site.Client.Evaluate("用户-1", "analytics", "email").Reason.Should().Be(DecisionReason.Denied);
        site.Client.Evaluate("用户-1", "personalisation", "email").Reason.Should().Be(DecisionReason.NoConsent, "a purpose that does not honour GPC is untouched");
        (await site.Client.GetHistoryAsync("用户-1")).Should().HaveCount(3, "nothing but the three opt-outs");
        site.Logs.Lines.Should().Contain(l => l.Contains("recorded an opt-out of 3 purposes (marketing, analytics, ads) with source gpc", StringComparison.Ordinal));
        site.Logs.Lines.Should().NotContain(l => l.Contains("用户-1", StringComparison.Ordinal) || l.Contains("gpc-browser", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("true")]
    [InlineData("01")]
    [InlineData("yes")]
    public async Task Other_values_are_not_the_signal(string value)
    {
        using var store = new TempStore();
        await using TestSite site = await GpcSite.StartAsync(store);

        using HttpResponseMessage page = await site.Http.SendAsync(GpcSite.Page("user-1", value));

        (await page.Content.ReadAsStringAsync()).Should().Be("no signal");
        (await site.Client.GetHistoryAsync("user-1")).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_header_lines_one_of_them_1_are_the_signal_and_two_without_1_are_not()
    {
        using var store = new TempStore();
        await using TestSite site = await GpcSite.StartAsync(store);

        string both = await GpcSite.RawAsync(site.Http.BaseAddress!, $"GET /page HTTP/1.0\r\nHost: localhost\r\n{TestAuth.UserHeader}: user-1\r\nSec-GPC: 0\r\nSec-GPC: 1\r\n");
        string neither = await GpcSite.RawAsync(site.Http.BaseAddress!, $"GET /page HTTP/1.0\r\nHost: localhost\r\n{TestAuth.UserHeader}: user-2\r\nSec-GPC: 0\r\nSec-GPC: true\r\n");
        using HttpResponseMessage joined = await site.Http.SendAsync(GpcSite.Page("user-3", "0", "1"));   // HttpClient joins them: "0, 1"

        both.Should().StartWith("HTTP/1.1 200").And.EndWith("signal");
        (await GpcSite.GpcRecordsAsync(site.Client, "user-1")).Should().HaveCount(3);
        neither.Should().EndWith("no signal");
        (await site.Client.GetHistoryAsync("user-2")).Should().BeEmpty();
        (await joined.Content.ReadAsStringAsync()).Should().Be("signal");
        (await GpcSite.GpcRecordsAsync(site.Client, "user-3")).Should().HaveCount(3);
    }

    [Fact]
    public async Task On_the_wire_whitespace_around_the_value_is_the_http_parsers_not_the_values()
    {
        using var store = new TempStore();
        await using TestSite site = await GpcSite.StartAsync(store);

        string spaced = await GpcSite.RawAsync(site.Http.BaseAddress!, $"GET /page HTTP/1.0\r\n{TestAuth.UserHeader}: user-1\r\nSec-GPC: 1 \r\n");
        string inside = await GpcSite.RawAsync(site.Http.BaseAddress!, $"GET /page HTTP/1.0\r\n{TestAuth.UserHeader}: user-2\r\nSec-GPC: 1 0\r\n");

        // RFC 9110 §5.5: whitespace before and after a field value is not part of it; Kestrel strips it, so the
        // application receives 1. A space inside the value is kept, and that is not the signal.
        spaced.Should().EndWith("\r\n\r\nsignal");
        inside.Should().EndWith("no signal");
        (await site.Client.GetHistoryAsync("user-2")).Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_signed_in_person_nothing_is_recorded_but_the_page_still_sees_the_signal()
    {
        using var store = new TempStore();
        await using TestSite site = await GpcSite.StartAsync(store);

        using HttpResponseMessage page = await site.Http.SendAsync(GpcSite.Page(null, "1"));

        (await page.Content.ReadAsStringAsync()).Should().Be("signal");
        (await site.Client.GetCheckpointAsync()).Size.Should().Be(0);
    }

    [Fact]
    public async Task An_explicit_choice_beats_the_signal_and_a_later_one_is_never_overwritten()
    {
        using var store = new TempStore();
        await using TestSite site = await GpcSite.StartAsync(store);
        ConsentRecord grant = await site.Client.RecordAsync(new ConsentCapture("user-1", "marketing", "email", ConsentChoice.Granted) { Source = "web" });
        await site.Client.RecordAsync(new ConsentCapture("user-1", "ads.retargeting", "*", ConsentChoice.Granted) { Source = "app" });

        using HttpResponseMessage first = await site.Http.SendAsync(GpcSite.Page("user-1", "1"));

        (await GpcSite.GpcRecordsAsync(site.Client, "user-1")).Select(r => r.Purpose).Should().Equal(["analytics"], "marketing and ads (through a topic) were chosen explicitly");
        site.Client.Evaluate("user-1", "marketing", "email").Should().Be(new ConsentDecision(true, DecisionReason.Granted, grant.Id));
        site.Client.CanUse("user-1", "ads.retargeting", "sms").Should().BeTrue();

        ConsentRecord later = await site.Client.RecordAsync(new ConsentCapture("user-1", "analytics", "sms", ConsentChoice.Granted) { Source = "web" });
        using HttpResponseMessage second = await site.Http.SendAsync(GpcSite.Page("user-1", "1"));

        (await GpcSite.GpcRecordsAsync(site.Client, "user-1")).Should().ContainSingle("the signal is recorded once");
        site.Client.Evaluate("user-1", "analytics", "sms").Should().Be(new ConsentDecision(true, DecisionReason.Granted, later.Id), "the person's later choice wins");
    }

    [Fact]
    public async Task The_signal_is_recorded_once_per_person_across_repeated_and_concurrent_requests_and_a_restart()
    {
        using var store = new TempStore();
        await using (TestSite site = await GpcSite.StartAsync(store))
        {
            await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
            {
                using HttpResponseMessage page = await site.Http.SendAsync(GpcSite.Page("user-1", "1"));
                page.StatusCode.Should().Be(HttpStatusCode.OK);
            }));
            for (int i = 0; i < 5; i++)
            {
                using HttpResponseMessage page = await site.Http.SendAsync(GpcSite.Page("user-1", "1"));
            }

            (await GpcSite.GpcRecordsAsync(site.Client, "user-1")).Select(r => r.Purpose).Should().Equal("ads", "analytics", "marketing");
        }

        await using (TestSite restarted = await GpcSite.StartAsync(store))
        {
            using HttpResponseMessage page = await restarted.Http.SendAsync(GpcSite.Page("user-1", "1"));

            (await page.Content.ReadAsStringAsync()).Should().Be("signal");
            (await GpcSite.GpcRecordsAsync(restarted.Client, "user-1")).Should().HaveCount(3, "the history says it was recorded: a restart does not record it again");
            (await restarted.Client.GetHistoryAsync("user-1")).Should().HaveCount(3);
            restarted.Logs.Lines.Should().NotContain(l => l.Contains("Global Privacy Control", StringComparison.Ordinal), "nothing was left to record, and nothing failed");
        }
    }

    [Fact]
    public async Task The_well_known_resource_is_json_with_gpc_true_and_the_configured_last_update()
    {
        using var store = new TempStore();
        await using TestSite site = await GpcSite.StartAsync(store, o => o.LastUpdate = new DateOnly(2026, 11, 1));

        using HttpResponseMessage response = await site.Http.GetAsync(".well-known/gpc.json");
        using HttpResponseMessage head = await site.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, ".well-known/gpc.json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"gpc":true,"lastUpdate":"2026-11-01"}""");
        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_last_update_the_member_is_left_out_and_the_resource_can_be_switched_off()
    {
        using var store = new TempStore();
        await using (TestSite site = await GpcSite.StartAsync(store))
        {
            (await site.Http.GetStringAsync(".well-known/gpc.json")).Should().Be("""{"gpc":true}""");
        }

        await using TestSite off = await GpcSite.StartAsync(store, o => o.ServeWellKnown = false);
        using HttpResponseMessage response = await off.Http.GetAsync(".well-known/gpc.json");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
