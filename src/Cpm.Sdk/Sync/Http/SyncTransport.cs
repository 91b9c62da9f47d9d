using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Cpm.Sdk.Sync.Protocol;

namespace Cpm.Sdk.Sync.Http;

/// <summary>
/// The typed HTTP client of wire protocol v1. Adds the protocol headers, serializes with source-generated JSON,
/// and turns every answer into a <see cref="TransportResponse{T}"/>. Failures that outlast the resilience policies
/// surface as exceptions that <see cref="ResponseClassifier.IsTransient(Exception)"/> recognises.
/// </summary>
internal sealed class SyncTransport(HttpClient http, SyncSettings settings)
{
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", settings.ApiKey);

    public Task<TransportResponse<PushResponse>> PushAsync(IReadOnlyList<WireEvent> events, CancellationToken cancellationToken)
    {
        var request = Request(HttpMethod.Post, "v1/events", settings.RequestTimeout);
        request.Content = JsonContent.Create(new PushRequest { Events = [.. events] }, ProtocolJson.Default.PushRequest);
        return SendAsync(request, ProtocolJson.Default.PushResponse, cancellationToken);
    }

    public Task<TransportResponse<PullResponse>> PullAsync(string cursor, int limit, TimeSpan wait, CancellationToken cancellationToken)
    {
        int waitSeconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 0, WireNames.MaxWaitSeconds);
        string uri = string.Create(
            CultureInfo.InvariantCulture,
            $"v1/events?after={Uri.EscapeDataString(cursor)}&limit={limit}&wait={waitSeconds}");
        var request = Request(HttpMethod.Get, uri, TimeSpan.FromSeconds(waitSeconds) + settings.RequestTimeout);
        return SendAsync(request, ProtocolJson.Default.PullResponse, cancellationToken);
    }

    public Task<TransportResponse<WireCatalog>> GetCatalogAsync(string? etag, CancellationToken cancellationToken)
    {
        var request = Request(HttpMethod.Get, "v1/catalog", settings.RequestTimeout);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out EntityTagHeaderValue? tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        return SendAsync(request, ProtocolJson.Default.WireCatalog, cancellationToken);
    }

    private HttpRequestMessage Request(HttpMethod method, string relative, TimeSpan tryTimeout)
    {
        var request = new HttpRequestMessage(method, new Uri(settings.Endpoint, relative));
        request.Headers.Authorization = _authorization;
        request.Headers.Add(WireNames.ProtocolHeader, WireNames.ProtocolVersion);
        ResiliencePolicies.SetTryTimeout(request, tryTimeout);
        return request;
    }

    private async Task<TransportResponse<T>> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        using (request)
        using (HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false))
        {
            Outcome outcome = ResponseClassifier.Classify(response.StatusCode);
            string? etag = response.Headers.ETag?.ToString();
            if (outcome == Outcome.Success)
            {
                T? body = await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false);
                return body is null
                    ? new(Outcome.Permanent, null, "the endpoint answered 200 with an empty body")
                    : new(Outcome.Success, body, null, etag);
            }

            return new(outcome, null, await ErrorText(response, cancellationToken).ConfigureAwait(false), etag);
        }
    }

    private static async Task<string> ErrorText(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return status;
        }

        try
        {
            WireError? error = await response.Content.ReadFromJsonAsync(ProtocolJson.Default.WireError, cancellationToken).ConfigureAwait(false);
            return error?.Error is { } text ? $"{status}: {text}" : status;
        }
        catch (System.Text.Json.JsonException)
        {
            return status;
        }
    }
}
