using System.Text.Json;
using System.Text.Json.Nodes;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// Events of every kind as a sender builds them (<see cref="WireEvent"/>, serialized by the SDK, with a salt where the
/// kind has one), each with a fresh UUIDv7 id, at <see cref="RawServer.EventTime"/> plus an offset.
/// </summary>
internal static class KindEvents
{
    public static WireEvent Grant(string userId, TimeSpan after = default, Dictionary<string, string>? evidence = null, string choice = "granted") =>
        Salted(new WireEvent
        {
            Kind = WireFormat.ConsentKind,
            UserId = userId,
            Purpose = "marketing",
            Channel = "sms",
            Choice = choice,
            PolicyVersion = 1,
            Evidence = evidence,
        }, after);

    public static WireEvent Link(string userId, string alias, TimeSpan after = default) =>
        Salted(new WireEvent { Kind = WireFormat.LinkKind, UserId = userId, Alias = alias }, after);

    /// <summary>An unlink, naming the user the alias pointed to when <paramref name="userId"/> is given.</summary>
    public static WireEvent Unlink(string alias, string? userId, TimeSpan after = default) =>
        Salted(new WireEvent { Kind = WireFormat.UnlinkKind, UserId = userId, Alias = alias }, after);

    public static WireEvent Erasure(string userId, TimeSpan after = default) =>
        Stamped(new WireEvent { Kind = WireFormat.ErasureKind, SubjectHash = WireFormat.SubjectHash(userId) }, after);

    /// <summary>The event's wire JSON as the SDK writes it: the canonical form a server stores and serves.</summary>
    public static string Text(WireEvent wire) => JsonSerializer.Serialize(wire, ProtocolJson.WireEvent);

    /// <summary>The event as a JSON object, to break field by field.</summary>
    public static JsonObject Node(WireEvent wire) => JsonSerializer.SerializeToNode(wire, ProtocolJson.WireEvent)!.AsObject();

    /// <summary>A pulled event's text without its <c>seq</c>: what was pushed, if the server kept it as it was.</summary>
    public static string WithoutSeq(WireEvent pulled)
    {
        WireEvent copy = JsonSerializer.Deserialize(Text(pulled), ProtocolJson.WireEvent)!;
        copy.Seq = null;
        return Text(copy);
    }

    /// <summary>When an event built with offset <paramref name="after"/> occurred.</summary>
    public static DateTimeOffset At(TimeSpan after) => RawServer.EventTime + after;

    private static WireEvent Salted(WireEvent wire, TimeSpan after)
    {
        wire.Salt = WireFormat.FormatSalt(WireFormat.NewSalt());
        return Stamped(wire, after);
    }

    private static WireEvent Stamped(WireEvent wire, TimeSpan after)
    {
        wire.Id = WireFormat.FormatId(Guid.CreateVersion7(At(after)));
        wire.OccurredAt = WireFormat.FormatTimestamp(At(after));
        wire.Source = "web";
        wire.Origin = "raw-client";
        return wire;
    }
}
