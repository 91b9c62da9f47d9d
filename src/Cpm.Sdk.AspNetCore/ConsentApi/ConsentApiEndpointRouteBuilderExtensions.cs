using Cpm.Sdk.AspNetCore;
using Cpm.Sdk.AspNetCore.ConsentApi;
using Cpm.Sdk.AspNetCore.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Cpm.Sdk's consent API: JSON endpoints for touchpoints (apps, mini-programs, kiosks, call centres).</summary>
public static class CpmConsentApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the consent API under <paramref name="prefix"/>:
    /// <list type="bullet">
    /// <item><c>POST {prefix}/consents</c> records one or several choices (<c>{"captures":[...]}</c>), all or none, each
    /// with the request's ip and user agent as evidence;</item>
    /// <item><c>GET {prefix}/decisions?userId=...</c> answers the gate's decisions for the person, per purpose and
    /// channel, with reasons;</item>
    /// <item><c>POST {prefix}/aliases</c> links an alias to a person.</item>
    /// </list>
    /// Every value is checked by the SDK's own rules; a bad request gets 400 with a problem details body naming the
    /// field (<c>captures[1].purpose</c>) and stores nothing. The endpoints require authorization
    /// (<see cref="CpmConsentApiOptions.AuthorizationPolicy"/>) and describe themselves to OpenAPI.
    /// </summary>
    /// <param name="endpoints">The application or a route group.</param>
    /// <param name="prefix">The route prefix, such as <c>/cpm</c>.</param>
    /// <returns>The route group, to add more conventions: <c>RequireAuthorization</c>, rate limits, CORS, ...</returns>
    /// <exception cref="InvalidOperationException"><c>services.AddCpm(...)</c> or <c>services.AddCpmConsentApi()</c> was not called.</exception>
    public static RouteGroupBuilder MapCpmConsentApi(this IEndpointRouteBuilder endpoints, string prefix = "/cpm")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        HttpServices.RequireClient(endpoints.ServiceProvider, "MapCpmConsentApi");
        HttpServices.RequireRegistration<ConsentApiMarker>(endpoints.ServiceProvider, "services.AddCpmConsentApi()");
        CpmConsentApiOptions options = endpoints.ServiceProvider.GetRequiredService<IOptions<CpmConsentApiOptions>>().Value;

        RouteGroupBuilder group = endpoints.MapGroup(prefix).WithTags("Cpm consent");
        if (!options.AllowAnonymous)
        {
            _ = options.AuthorizationPolicy is { } policy ? group.RequireAuthorization(policy) : group.RequireAuthorization();
        }

        group.MapPost("/consents", CaptureEndpoint.HandleAsync)
            .WithName("CpmRecordConsents")
            .WithSummary("Records one or several consent choices, all of them or none.")
            .Accepts<CpmCaptureRequest>("application/json")
            .Produces<CpmRecordsResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/decisions", DecisionsEndpoint.Handle)
            .WithName("CpmGetDecisions")
            .WithSummary("The gate's decisions for a person now, per purpose and channel, with reasons.")
            .Produces<CpmDecisionsResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/aliases", AliasEndpoint.HandleAsync)
            .WithName("CpmLinkAlias")
            .WithSummary("Points an alias (kind:value, such as a phone number) to a person.")
            .Accepts<CpmLinkRequest>("application/json")
            .Produces<CpmLinkResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }
}
