namespace Cpm.Sdk.Protocol;

/// <summary>The 200 body of <c>GET v1/events</c> (docs/protocol.md §4): events in server order after a cursor.</summary>
public sealed class PullResponse
{
    /// <summary>At most <c>limit</c> events, in the order the server first stored them; empty after a long poll with nothing new.</summary>
    public List<WireEvent>? Events { get; set; }

    /// <summary>The opaque cursor to send back as <c>after</c>; present even when <see cref="Events"/> is empty.</summary>
    public string? Cursor { get; set; }

    /// <summary>Whether more events are ready now, so the client pulls again at once.</summary>
    public bool HasMore { get; set; }
}
