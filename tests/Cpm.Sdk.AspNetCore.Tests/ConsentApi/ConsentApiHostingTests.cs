using System.Net;
using System.Text.Json.Nodes;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Tests.ConsentApi;

/// <summary>How a host wires the API: idempotent registration, options checked at start, OpenAPI description.</summary>
public sealed class ConsentApiHostingTests
{
    [Fact]
    public async Task The_openapi_document_lists_the_endpoints_with_their_bodies_when_the_host_asks_for_one()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store, services: s => s.AddOpenApi(), pipeline: app => app.MapOpenApi());

        using HttpResponseMessage response = await site.Http.GetAsync("openapi/v1.json");
        string text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        JsonObject paths = JsonNode.Parse(text)!["paths"]!.AsObject();
        paths.Select(p => p.Key).Should().Contain(["/cpm/consents", "/cpm/decisions", "/cpm/aliases"]);
        JsonNode capture = paths["/cpm/consents"]!["post"]!;
        ((string?)capture["operationId"]).Should().Be("CpmRecordConsents");
        capture["requestBody"]!["content"]!.AsObject().Select(c => c.Key).Should().Equal("application/json");
        capture["responses"]!.AsObject().Select(r => r.Key).Should().Contain(["200", "400", "401", "403", "413"]);
        paths["/cpm/decisions"]!["get"]!["parameters"]!.AsArray().Select(p => (string?)p!["name"]).Should().Contain(["userId", "purpose", "channel"]);
        paths["/cpm/aliases"]!["post"]!["requestBody"].Should().NotBeNull();
        text.Should().Contain("\"policyVersion\"").And.Contain("\"captures\"").And.Contain("\"recordId\"");
    }

    public static TheoryData<string, Action<CpmConsentApiOptions>, string> BadOptions => new()
    {
        { "source with capitals", o => o.Source = "Kiosk", "CpmConsentApiOptions.Source" },
        { "empty source", o => o.Source = "", "CpmConsentApiOptions.Source" },
        { "blank policy", o => o.AuthorizationPolicy = " ", "CpmConsentApiOptions.AuthorizationPolicy" },
        { "anonymous with a policy", o => { o.AllowAnonymous = true; o.AuthorizationPolicy = "p"; }, "CpmConsentApiOptions.AllowAnonymous" },
        { "no captures", o => o.MaxCapturesPerRequest = 0, "CpmConsentApiOptions.MaxCapturesPerRequest" },
        { "more captures than the SDK takes", o => o.MaxCapturesPerRequest = 501, "CpmConsentApiOptions.MaxCapturesPerRequest" },
        { "tiny body", o => o.MaxRequestBodySize = 10, "CpmConsentApiOptions.MaxRequestBodySize" },
        { "huge body", o => o.MaxRequestBodySize = 1L << 40, "CpmConsentApiOptions.MaxRequestBodySize" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task A_bad_option_fails_host_start_naming_it(string name, Action<CpmConsentApiOptions> breakIt, string option)
    {
        using var store = new TempStore();

        Func<Task> start = () => TestSite.StartAsync(store, s => s.AddCpmConsentApi(breakIt));

        (await start.Should().ThrowAsync<OptionsValidationException>(name)).Which.Message.Should().Contain(option, name);
    }

    [Fact]
    public async Task A_bad_claim_type_fails_host_start_naming_it()
    {
        using var store = new TempStore();

        Func<Task> start = () => TestSite.StartAsync(store, s =>
        {
            s.AddCpmConsentApi();
            s.Configure<CpmHttpOptions>(o => o.UserIdClaimType = " ");
        });

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("CpmHttpOptions.UserIdClaimType");
    }

    [Fact]
    public async Task Registering_twice_registers_once_and_keeps_both_configurations()
    {
        var services = new ServiceCollection();
        services.AddCpmConsentApi(o => o.Source = "kiosk");
        int count = services.Count;
        services.AddCpmConsentApi(o => o.MaxCapturesPerRequest = 7);

        services.Count.Should().Be(count + 1, "only the second configuration step is added");
        await using ServiceProvider provider = services.BuildServiceProvider();
        CpmConsentApiOptions options = provider.GetRequiredService<IOptions<CpmConsentApiOptions>>().Value;
        (options.Source, options.MaxCapturesPerRequest).Should().Be(("kiosk", 7));
    }

    [Fact]
    public async Task Mapping_without_the_registrations_fails_with_a_clear_message()
    {
        using var store = new TempStore();

        Func<Task> withoutApi = () => TestSite.StartAsync(store, pipeline: app => app.MapCpmConsentApi());
        WebApplication bare = WebApplication.CreateSlimBuilder().Build();
        Action withoutCpm = () => bare.MapCpmConsentApi();

        (await withoutApi.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("services.AddCpmConsentApi()");
        withoutCpm.Should().Throw<InvalidOperationException>().Which.Message.Should().StartWith("MapCpmConsentApi needs").And.Contain("services.AddCpm(");
        await bare.DisposeAsync();
    }

    [Fact]
    public async Task Bad_arguments_to_the_registration_and_the_mapping_throw_naming_the_parameter()
    {
        await using WebApplication app = WebApplication.CreateSlimBuilder().Build();

        Action noServices = () => CpmConsentApiServiceCollectionExtensions.AddCpmConsentApi(null!);
        Action noEndpoints = () => CpmConsentApiEndpointRouteBuilderExtensions.MapCpmConsentApi(null!);

        noServices.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("services");
        noEndpoints.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("endpoints");
        foreach (string? prefix in new[] { null, "", " ", "\t" })
        {
            Action badPrefix = () => app.MapCpmConsentApi(prefix!);
            badPrefix.Should().Throw<ArgumentException>(prefix).Which.ParamName.Should().Be("prefix", prefix);
        }
    }
}
