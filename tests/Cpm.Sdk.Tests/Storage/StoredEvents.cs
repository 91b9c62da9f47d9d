using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;

namespace Cpm.Sdk.Tests.Storage;

/// <summary>Events for the writer's tests: a marketing choice on sms by <c>user</c>, <c>second</c> seconds after a fixed start.</summary>
internal static class StoredEvents
{
    public static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch.AddDays(20_000);

    public static StoredEvent Choice(string user, int second, ConsentChoice choice = ConsentChoice.Granted, FrequencyCap? frequency = null, string origin = "elsewhere") => new(
        new ConsentRecord
        {
            Id = Guid.CreateVersion7(Start.AddSeconds(second)),
            UserId = user,
            Purpose = "marketing",
            Channel = "sms",
            Choice = choice,
            PolicyVersion = 1,
            Source = "web",
            OccurredAt = Start.AddSeconds(second),
            RecordedAt = Start.AddSeconds(second),
            Origin = origin,
            Frequency = frequency,
        },
        EvidenceJson: null,
        Salt: WireFormat.NewSalt());
}
