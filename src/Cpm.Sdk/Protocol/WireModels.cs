namespace Cpm.Sdk.Protocol;

// The JSON bodies of wire protocol v1 (docs/protocol.md). Plain mutable classes so System.Text.Json's source
// generator can fill them; every value is checked by WireMapping before it reaches the store.

/// <summary>An event on the wire (docs/protocol.md §2).</summary>
internal sealed class WireEvent
{
    public string? Id { get; set; }

    public string? UserId { get; set; }

    public string? Purpose { get; set; }

    public string? Channel { get; set; }

    public string? Choice { get; set; }

    public int PolicyVersion { get; set; }

    public string? OccurredAt { get; set; }

    public string? Source { get; set; }

    public string? Jurisdiction { get; set; }

    public string? ExpiresAt { get; set; }

    public Dictionary<string, string>? Evidence { get; set; }

    public string? Origin { get; set; }
}

/// <summary>The body of <c>POST v1/events</c>.</summary>
internal sealed class PushRequest
{
    public List<WireEvent>? Events { get; set; }
}

/// <summary>The 200 body of <c>POST v1/events</c>: one result per event, in request order.</summary>
internal sealed class PushResponse
{
    public List<PushResult>? Results { get; set; }
}

/// <summary>What the server did with one pushed event.</summary>
internal sealed class PushResult
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";

    public string? Id { get; set; }

    public string? Status { get; set; }

    public string? Error { get; set; }
}

/// <summary>The 200 body of <c>GET v1/events</c>.</summary>
internal sealed class PullResponse
{
    public List<WireEvent>? Events { get; set; }

    public string? Cursor { get; set; }

    public bool HasMore { get; set; }
}

/// <summary>
/// The 200 body of <c>GET v1/events</c> as the client reads it: each event kept as raw JSON, so a structurally
/// broken one (docs/protocol.md §3) is parked on its own instead of failing the page and stalling the pull.
/// </summary>
internal sealed class PulledPage
{
    public List<System.Text.Json.JsonElement>? Events { get; set; }

    public string? Cursor { get; set; }

    public bool HasMore { get; set; }
}

/// <summary>The body of <c>GET v1/catalog</c>.</summary>
internal sealed class WireCatalog
{
    public List<WirePurpose>? Purposes { get; set; }

    public List<string>? Channels { get; set; }
}

/// <summary>A purpose on the wire.</summary>
internal sealed class WirePurpose
{
    public string? Id { get; set; }

    public string? LegalBasis { get; set; }

    public int MinimumPolicyVersion { get; set; } = 1;

    public int? ValidityDays { get; set; }
}

/// <summary>The body of an error response.</summary>
internal sealed class WireError
{
    public string? Error { get; set; }
}
