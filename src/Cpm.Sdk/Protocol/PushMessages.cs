namespace Cpm.Sdk.Protocol;

/// <summary>The body of <c>POST v1/events</c> (docs/protocol.md §3): at most <see cref="WireFormat.MaxBatch"/> events.</summary>
/// <remarks>
/// A server reads a push element by element with <see cref="WireEventReader.TryRead"/> rather than through this type,
/// so one broken event is rejected alone instead of failing the batch; clients write it.
/// </remarks>
public sealed class PushRequest
{
    /// <summary>The events, oldest first.</summary>
    public List<WireEvent>? Events { get; set; }
}

/// <summary>The 200 body of <c>POST v1/events</c>: exactly one result per pushed event, in request order.</summary>
public sealed class PushResponse
{
    /// <summary>One result per element of the request's <c>events</c>, in the same order.</summary>
    public List<PushResult>? Results { get; set; }
}

/// <summary>What the server did with one pushed event.</summary>
public sealed class PushResult
{
    /// <summary>The <see cref="Status"/> of an event the server stored now.</summary>
    public const string Accepted = "accepted";

    /// <summary>The <see cref="Status"/> of an event whose id the server already held; the stored copy is kept unchanged.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The <see cref="Status"/> of an event the server cannot store; <see cref="Error"/> says why.</summary>
    public const string Rejected = "rejected";

    /// <summary>The pushed element's <c>id</c> when that was a JSON string (valid or not), else <see langword="null"/>.</summary>
    public string? Id { get; set; }

    /// <summary><see cref="Accepted"/>, <see cref="Duplicate"/> or <see cref="Rejected"/>.</summary>
    public string? Status { get; set; }

    /// <summary>Why the event was rejected, in the server's own short words; <see langword="null"/> unless <see cref="Status"/> is <see cref="Rejected"/>.</summary>
    public string? Error { get; set; }
}
