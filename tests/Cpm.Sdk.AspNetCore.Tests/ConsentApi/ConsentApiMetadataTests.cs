using Cpm.Sdk.AspNetCore.ConsentApi;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cpm.Sdk.AspNetCore.Tests.ConsentApi;

/// <summary>
/// How each endpoint describes itself to OpenAPI generators and link generation: a stable name, a summary, and a JSON
/// answer of its own type on 200 beside problem details for each refusal.
/// </summary>
public sealed class ConsentApiMetadataTests
{
    public static TheoryData<string, string, string, Type, string, int[]> Endpoints => new()
    {
        { "/cpm/consents", "POST", "CpmRecordConsents", typeof(CpmRecordsResponse), "consent choices", [400, 401, 403, 413, 415] },
        { "/cpm/decisions", "GET", "CpmGetDecisions", typeof(CpmDecisionsResponse), "decisions", [400, 401, 403] },
        { "/cpm/aliases", "POST", "CpmLinkAlias", typeof(CpmLinkResponse), "alias", [400, 401, 403, 413, 415] },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_endpoint_has_its_name_summary_and_json_answer(string route, string method, string name, Type answer, string about, int[] problems)
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store);
        EndpointDataSource source = site.Services.GetRequiredService<EndpointDataSource>();

        RouteEndpoint endpoint = source.Endpoints.OfType<RouteEndpoint>().Should().ContainSingle(
            e => e.RoutePattern.RawText == route && e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Contains(method)).Subject;
        EndpointMetadataCollection metadata = endpoint.Metadata;

        metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName.Should().Be(name);
        string summary = metadata.GetMetadata<IEndpointSummaryMetadata>()!.Summary;
        summary.Should().Contain(about).And.EndWith(".");
        metadata.GetOrderedMetadata<IEndpointSummaryMetadata>().Should().ContainSingle("one summary, the endpoint's own");
        IProducesResponseTypeMetadata ok = metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Should().ContainSingle(p => p.StatusCode == 200).Subject;
        ok.Type.Should().Be(answer);
        ok.ContentTypes.Should().Equal("application/json");
        metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Where(p => p.StatusCode != 200).Select(p => p.StatusCode).Should().BeEquivalentTo(problems);
        metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Where(p => p.StatusCode != 200).Should().OnlyContain(
            p => p.ContentTypes.Contains("application/problem+json"), "every refusal is problem details");
    }

    [Fact]
    public async Task The_names_link_to_the_routes()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store);
        LinkGenerator links = site.Services.GetRequiredService<LinkGenerator>();

        links.GetPathByName("CpmRecordConsents", values: null).Should().Be("/cpm/consents");
        links.GetPathByName("CpmGetDecisions", new { userId = "u-1" }).Should().Be("/cpm/decisions?userId=u-1");
        links.GetPathByName("CpmLinkAlias", values: null).Should().Be("/cpm/aliases");
    }
}
