using System.Net;
using System.Text.Json;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>Downloading one's own data, and erasure with its confirmation step.</summary>
public sealed class RightsTests
{
    private const string User = "王芳";

    [Fact]
    public async Task Download_gives_the_person_their_own_access_export_and_records_the_request()
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted) { Source = "store" });
        await host.Cpm.RecordAsync(new ConsentCapture("someone-else", "marketing", "email", ConsentChoice.Granted));
        using var person = new PageClient(host, User);

        using HttpResponseMessage response = await person.SubmitAsync(await person.FormAsync("export"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.Should().MatchRegex(@"^my-privacy-data-\d{4}-\d{2}-\d{2}\.json$");
        using JsonDocument export = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        export.RootElement.GetProperty("userId").GetString().Should().Be(User);
        JsonElement[] records = [.. export.RootElement.GetProperty("records").EnumerateArray()];
        records.Should().ContainSingle(r => r.GetProperty("kind").GetString() == "consent")
            .Which.GetProperty("source").GetString().Should().Be("store");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("someone-else");
        (await host.Cpm.GetHistoryAsync(User)).Should().Contain(r => r.Kind == EventKind.Export, "the export is a rights request the log keeps");
    }

    [Fact]
    public async Task Erasure_asks_for_confirmation_then_erases_the_person()
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted)
        {
            Evidence = new Dictionary<string, string> { ["ip"] = "203.0.113.9" },
        });
        using var person = new PageClient(host, User);
        (await person.HtmlAsync()).Should().Contain("href=\"/privacy/erase\"");

        string confirmation = await person.HtmlAsync("privacy/erase");
        confirmation.Should().Contain("Erase your data?").And.Contain("required").And.Contain("href=\"/privacy\"");
        host.Cpm.CanUse(User, "marketing", "sms").Should().BeTrue("showing the confirmation erases nothing");

        string location = await person.SubmitAndRedirectAsync(PageForm.Read(confirmation, "erase-confirm").Add("confirm", "1"));

        location.Should().Be("/privacy?done=erased");
        host.Cpm.Evaluate(User, "marketing", "sms").Reason.Should().Be(DecisionReason.Erased);
        (await host.Cpm.GetHistoryAsync(User)).Should().NotContain(r => r.Kind == EventKind.Consent);
        string after = await person.HtmlAsync(location);
        after.Should().Contain("Your data was erased.").And.Contain("Off: your data was erased");
    }

    [Fact]
    public async Task Erasing_a_person_the_store_holds_nothing_about_records_nothing()
    {
        await using PageHost host = await PageHost.StartAsync();
        using var person = new PageClient(host, "never-seen");

        string location = await person.SubmitAndRedirectAsync((await person.FormAsync("erase-confirm", "privacy/erase")).Add("confirm", "1"));

        location.Should().Be("/privacy?done=nothing-to-erase");
        (await host.EventCountAsync()).Should().Be(0);
        (await person.HtmlAsync(location)).Should().Contain("We hold nothing about you to erase.");
    }
}
