using System.Text.Json;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>Builds the JSON a scripted endpoint answers a pull with: valid events from another instance, or broken ones.</summary>
internal static class WirePages
{
    public const string Origin = "01a20815a0aa76b5a49e00e7ad310000";

    /// <summary>A valid event from another instance, an hour before the real clock unless <paramref name="occurredAt"/> says otherwise.</summary>
    public static WireEvent Event(string userId, string choice = "granted", DateTimeOffset? occurredAt = null, string? evidence = null)
    {
        DateTimeOffset at = occurredAt ?? TimeProvider.System.GetUtcNow().AddHours(-1);
        return new WireEvent
        {
            Id = WireFormat.FormatId(Guid.CreateVersion7(at)),
            UserId = userId,
            Purpose = "marketing",
            Channel = "sms",
            Choice = choice,
            PolicyVersion = 1,
            OccurredAt = WireFormat.FormatTimestamp(at),
            Source = "web",
            Evidence = evidence is null ? null : new Dictionary<string, string> { ["text"] = evidence },
            Origin = Origin,
        };
    }

    public static string Page(IEnumerable<WireEvent> events, string cursor, bool hasMore = false) =>
        JsonSerializer.Serialize(new PullResponse { Events = [.. events], Cursor = cursor, HasMore = hasMore }, ProtocolJson.PullResponse);

    public static string Empty(string cursor, bool hasMore = false) => Page([], cursor, hasMore);
}
