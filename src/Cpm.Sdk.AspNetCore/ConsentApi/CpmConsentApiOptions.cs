namespace Cpm.Sdk.AspNetCore;

/// <summary>
/// Options of the consent API that <c>app.MapCpmConsentApi("/cpm")</c> serves, registered with
/// <c>services.AddCpmConsentApi(...)</c> and validated at host start.
/// </summary>
public sealed class CpmConsentApiOptions
{
    /// <summary>The largest <see cref="MaxCapturesPerRequest"/>: what <see cref="CpmClient.RecordAllAsync"/> takes at once.</summary>
    public const int MaxCapturesLimit = CpmClient.MaxCapturesAtOnce;

    /// <summary>
    /// The touchpoint stamped on a capture that names none (<see cref="ConsentCapture.Source"/>): <c>api</c> by
    /// default; <c>app</c>, <c>miniprogram</c>, <c>store</c>, ... A capture's own <c>source</c> wins.
    /// </summary>
    public string Source { get; set; } = "api";

    /// <summary>
    /// The authorization policy every endpoint of the API requires; <see langword="null"/> (the default) requires the
    /// host's default policy, an authenticated caller. The API writes choices for any user id it is given, so it never
    /// answers anonymous callers unless <see cref="AllowAnonymous"/> says so. More requirements can be chained on the
    /// route group <c>MapCpmConsentApi</c> returns.
    /// </summary>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>
    /// Serves the API without any authorization requirement, for a host that authenticates its callers in front of it
    /// (a gateway, mutual TLS). Not with <see cref="AuthorizationPolicy"/>. Default <see langword="false"/>.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// The person is the signed-in user (<see cref="CpmHttpOptions.UserIdClaimType"/>), for an API the person's own app
    /// calls with their token: a request without one gets 401, and a <c>userId</c> in the request that names someone
    /// else gets 403; it may be left out. Default <see langword="false"/>: the request names the person, for trusted
    /// touchpoint back ends.
    /// </summary>
    public bool UseSignedInUser { get; set; }

    /// <summary>The most captures one request may hold, 1 to <see cref="MaxCapturesLimit"/>. Default 100.</summary>
    public int MaxCapturesPerRequest { get; set; } = 100;

    /// <summary>The largest request body read, in bytes, 1 KiB to 64 MiB; a larger one gets 413. Default 1 MiB.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;
}
