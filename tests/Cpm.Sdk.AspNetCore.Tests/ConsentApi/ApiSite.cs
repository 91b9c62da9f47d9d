using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cpm.Sdk.AspNetCore.Tests.ConsentApi;

/// <summary>A site serving the consent API at <c>/cpm</c>, and requests to it as a signed-in touchpoint.</summary>
internal static class ApiSite
{
    public const string Touchpoint = "touchpoint-1";

    /// <summary>The test catalog plus a purpose that needs separate consent, and phone aliases.</summary>
    public static Action<CpmOptions> Catalog => o =>
    {
        o.Purposes.Add(new PurposeDefinition { Id = "transfer", RequiresSeparateConsent = true });
        o.AliasKinds.Add("phone");
    };

    public static Task<TestSite> StartAsync(
        TempStore store,
        Action<CpmConsentApiOptions>? configure = null,
        Action<RouteGroupBuilder>? group = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? pipeline = null) =>
        TestSite.StartAsync(
            store,
            s =>
            {
                s.AddCpmConsentApi(configure);
                services?.Invoke(s);
            },
            app =>
            {
                pipeline?.Invoke(app);
                RouteGroupBuilder api = app.MapCpmConsentApi("/cpm");
                group?.Invoke(api);
            },
            Catalog);

    /// <summary>A POST of <paramref name="json"/>, signed in as <paramref name="user"/> with <paramref name="roles"/> (none: anonymous).</summary>
    public static HttpRequestMessage Post(string path, string json, string? user = Touchpoint, string roles = TestAuth.TouchpointRole, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        SignIn(request, user, roles);
        request.Headers.UserAgent.ParseAdd("cpm-tests/1.0");
        return request;
    }

    public static HttpRequestMessage Get(string path, string? user = Touchpoint, string roles = TestAuth.TouchpointRole)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        SignIn(request, user, roles);
        return request;
    }

    /// <summary>The body of a capture request holding <paramref name="items"/>.</summary>
    public static string Captures(params JsonNode?[] items) => new JsonObject { ["captures"] = new JsonArray(items) }.ToJsonString();

    /// <summary>A valid choice, changed by <paramref name="change"/>.</summary>
    public static JsonObject Item(string userId = "victim", string purpose = "marketing", string channel = "sms", string choice = "granted", Action<JsonObject>? change = null)
    {
        var item = new JsonObject { ["userId"] = userId, ["purpose"] = purpose, ["channel"] = channel, ["choice"] = choice };
        change?.Invoke(item);
        return item;
    }

    /// <summary>Reads a problem details answer: its status, content type and the fields its <c>errors</c> name.</summary>
    public static async Task<(int Status, string? ContentType, JsonObject Body)> ReadProblemAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(text)!.AsObject());
    }

    private static void SignIn(HttpRequestMessage request, string? user, string roles)
    {
        if (user is not null)
        {
            request.Headers.Add(TestAuth.UserHeader, Uri.EscapeDataString(user));
            request.Headers.Add(TestAuth.RolesHeader, roles);
        }
    }
}
