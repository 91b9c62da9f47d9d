using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Sync.Http;

/// <summary>
/// The typed HTTP client of wire protocol v1. Adds the protocol headers, serializes with source-generated JSON,
/// reads every body within the try's timeout and a size cap (<see cref="ResponseBody"/>), and turns every answer into
/// a <see cref="TransportResponse{T}"/>. A 200 whose body is not the expected JSON is a protocol failure. Failures
/// that outlast the resilience policies surface as exceptions that <see cref="SyncFailure.From"/> classifies.
/// </summary>
internal sealed class SyncTransport(HttpClient http, SyncSettings settings)
{
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", settings.ApiKey);

    public Task<TransportResponse<PushResponse>> PushAsync(IReadOnlyList<WireEvent> events, CancellationToken cancellationToken)
    {
        var request = Request(HttpMethod.Post, "v1/events", settings.RequestTimeout);
        request.Content = JsonContent.Create(new PushRequest { Events = [.. events] }, ProtocolJson.PushRequest);
        return SendAsync(request, settings.RequestTimeout, ProtocolJson.PushResponse, cancellationToken);
    }

    public Task<TransportResponse<PulledPage>> PullAsync(string cursor, int limit, TimeSpan wait, CancellationToken cancellationToken)
    {
        int waitSeconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 0, WireFormat.MaxWaitSeconds);
        string uri = string.Create(
            CultureInfo.InvariantCulture,
            $"v1/events?after={Uri.EscapeDataString(cursor)}&limit={limit}&wait={waitSeconds}");
        TimeSpan tryTimeout = TimeSpan.FromSeconds(waitSeconds) + settings.RequestTimeout;
        return SendAsync(Request(HttpMethod.Get, uri, tryTimeout), tryTimeout, PulledPage.TypeInfo, cancellationToken);
    }

    public Task<TransportResponse<WireCatalog>> GetCatalogAsync(string? etag, CancellationToken cancellationToken)
    {
        var request = Request(HttpMethod.Get, "v1/catalog", settings.RequestTimeout);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out EntityTagHeaderValue? tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        return SendAsync(request, settings.RequestTimeout, ProtocolJson.WireCatalog, cancellationToken);
    }

    /// <summary><c>GET v1/checkpoint</c>: the server's latest signed checkpoint (docs/protocol.md §9).</summary>
    public Task<TransportResponse<CheckpointResponse>> GetCheckpointAsync(CancellationToken cancellationToken) =>
        SendAsync(Request(HttpMethod.Get, "v1/checkpoint", settings.RequestTimeout), settings.RequestTimeout, ProtocolJson.CheckpointResponse, cancellationToken);

    /// <summary><c>GET v1/checkpoint-key</c>: the public key that verifies the checkpoints, as PEM text (at most 64 KiB).</summary>
    public Task<TransportResponse<string>> GetCheckpointKeyAsync(CancellationToken cancellationToken) => SendCoreAsync(
        Request(HttpMethod.Get, "v1/checkpoint-key", settings.RequestTimeout),
        settings.RequestTimeout,
        ResponseBody.MaxErrorBytes,
        body => System.Text.Unicode.Utf8.IsValid(body) ? System.Text.Encoding.UTF8.GetString(body) : null,
        cancellationToken);

    /// <summary><c>GET v1/proofs/consistency?from=&amp;to=</c>.</summary>
    public Task<TransportResponse<ConsistencyProofResponse>> GetConsistencyProofAsync(long from, long to, CancellationToken cancellationToken) => SendAsync(
        Request(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"v1/proofs/consistency?from={from}&to={to}"), settings.RequestTimeout),
        settings.RequestTimeout,
        ProtocolJson.ConsistencyProofResponse,
        cancellationToken);

    /// <summary><c>GET v1/proofs/inclusion?id=&amp;size=</c>.</summary>
    public Task<TransportResponse<InclusionProofResponse>> GetInclusionProofAsync(Guid eventId, long size, CancellationToken cancellationToken) => SendAsync(
        Request(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"v1/proofs/inclusion?id={WireFormat.FormatId(eventId)}&size={size}"), settings.RequestTimeout),
        settings.RequestTimeout,
        ProtocolJson.InclusionProofResponse,
        cancellationToken);

    private HttpRequestMessage Request(HttpMethod method, string relative, TimeSpan tryTimeout)
    {
        var request = new HttpRequestMessage(method, new Uri(settings.Endpoint, relative));
        request.Headers.Authorization = _authorization;
        request.Headers.Add(WireFormat.ProtocolHeader, WireFormat.ProtocolVersion);
        ResiliencePolicies.SetTryTimeout(request, tryTimeout);
        return request;
    }

    private Task<TransportResponse<T>> SendAsync<T>(HttpRequestMessage request, TimeSpan tryTimeout, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class => SendCoreAsync(request, tryTimeout, ResponseBody.MaxBytes, body => Parse(body, type), cancellationToken);

    private async Task<TransportResponse<T>> SendCoreAsync<T>(
        HttpRequestMessage request, TimeSpan tryTimeout, int maxBytes, Func<ArraySegment<byte>, T?> parse, CancellationToken cancellationToken)
        where T : class
    {
        using (request)
        using (HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
        {
            string? etag = response.Headers.ETag?.ToString();
            string status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            if (ResponseClassifier.Classify(response.StatusCode) is not (Outcome.Success or Outcome.NotModified))
            {
                string? serverError = await ServerErrorAsync(response, tryTimeout, cancellationToken).ConfigureAwait(false);
                Outcome outcome = ResponseClassifier.Classify(response.StatusCode, serverError);
                TimeSpan? retryAfter = ResiliencePolicies.RetryAfter(response, settings.Clock);
                return new(outcome, null, serverError is null ? status : $"{status}: {serverError}", etag, serverError, retryAfter, response.StatusCode);
            }

            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new(Outcome.NotModified, null, status, etag);
            }

            ArraySegment<byte> body = (await ResponseBody.ReadAsync(response, maxBytes, failWhenLarger: true, tryTimeout, settings.Clock, cancellationToken)
                .ConfigureAwait(false))!.Value;
            return parse(body) is { } parsed
                ? new(Outcome.Success, parsed, null, etag)
                : throw new SyncFailure(Outcome.Protocol, $"the endpoint answered {status} to {request.Method} {request.RequestUri?.AbsolutePath} with a body that is not the protocol's JSON");
        }
    }

    private static T? Parse<T>(ArraySegment<byte> body, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body.AsSpan(), type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The <c>error</c> of our error JSON, sanitised; <see langword="null"/> for any other body, which is never shown.</summary>
    private async Task<string?> ServerErrorAsync(HttpResponseMessage response, TimeSpan tryTimeout, CancellationToken cancellationToken)
    {
        ArraySegment<byte>? body = await ResponseBody.ReadAsync(
            response, ResponseBody.MaxErrorBytes, failWhenLarger: false, tryTimeout, settings.Clock, cancellationToken).ConfigureAwait(false);
        return body is { Count: > 0 } bytes && Parse(bytes, ProtocolJson.WireError)?.Error is { } error
            && ServerText.Clean(error) is { Length: > 0 } clean ? clean : null;
    }
}
