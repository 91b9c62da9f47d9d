using System.Diagnostics.CodeAnalysis;
using Cpm.Sdk.AspNetCore.PreferenceCenter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cpm.Sdk.AspNetCore;

/// <summary>Maps the preference centre: the page where a signed-in person sees and changes their choices.</summary>
public static class PreferenceCenterEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the preference centre under <paramref name="prefix"/>: <c>GET {prefix}</c> (the page), <c>POST {prefix}</c>
    /// (save the choices), <c>POST {prefix}/withdraw</c> (withdraw everything), <c>POST {prefix}/export</c> (download
    /// the person's data), <c>GET</c> and <c>POST {prefix}/erase</c> (erasure, with a confirmation step). A request
    /// without a signed-in user is answered 401; a post without a valid antiforgery token, or with a field the page did
    /// not write, is answered 400 and records nothing. Needs
    /// <see cref="PreferenceCenterServiceCollectionExtensions.AddCpmPreferenceCenter(IServiceCollection, Action{PreferenceCenterOptions})"/>
    /// and the SDK's <c>AddCpm</c>.
    /// </summary>
    /// <param name="endpoints">The application or a route group.</param>
    /// <param name="prefix">The path of the page, for example <c>/privacy</c>.</param>
    /// <returns>The route group, to add authorization, rate limiting and so on: <c>.RequireAuthorization()</c>.</returns>
    /// <exception cref="InvalidOperationException"><c>AddCpmPreferenceCenter</c> was not called.</exception>
    public static RouteGroupBuilder MapCpmPreferenceCenter(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/privacy")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (endpoints.ServiceProvider.GetService<PreferenceCenterContext>() is null)
        {
            throw new InvalidOperationException(
                "The preference centre's services are missing: call services.AddCpmPreferenceCenter(...) (and services.AddCpm(...)) first.");
        }

        RouteGroupBuilder group = endpoints.MapGroup(prefix);
        group.MapGet("/", ChoicesEndpoints.PageAsync);
        group.MapPost("/", ChoicesEndpoints.SaveAsync);
        group.MapPost(RightsSections.WithdrawPath, RightsEndpoints.WithdrawAsync);
        group.MapPost(RightsSections.ExportPath, RightsEndpoints.ExportAsync);
        group.MapGet(RightsSections.ErasePath, RightsEndpoints.ConfirmErasure);
        group.MapPost(RightsSections.ErasePath, RightsEndpoints.EraseAsync);
        group.ExcludeFromDescription();
        return group;
    }
}
