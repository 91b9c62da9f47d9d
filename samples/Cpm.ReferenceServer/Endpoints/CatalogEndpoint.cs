using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary><c>GET v1/catalog</c>: the catalog with its ETag, or 304 when the client's copy is current.</summary>
internal sealed class CatalogEndpoint(ServerCatalog catalog)
{
    public async Task HandleAsync(HttpContext context)
    {
        RequestHeaders request = context.Request.GetTypedHeaders();
        ResponseHeaders response = context.Response.GetTypedHeaders();
        response.ETag = catalog.ETag;
        response.CacheControl = new CacheControlHeaderValue { NoCache = true };
        if (catalog.Matches(request.IfNoneMatch))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = WireResponses.JsonContentType;
        context.Response.ContentLength = catalog.Json.Length;
        await context.Response.Body.WriteAsync(catalog.Json, context.RequestAborted);
    }
}
