namespace Cpm.Samples.AspNet.Campaign;

/// <summary>Sends one SMS: the only way the campaign reaches a person.</summary>
internal interface ISmsProvider
{
    Task SendAsync(string userId, string text, CancellationToken cancellationToken);
}

/// <summary>An "SMS provider" that writes each message to the console instead of a phone network.</summary>
internal sealed class ConsoleSmsProvider : ISmsProvider
{
    public Task SendAsync(string userId, string text, CancellationToken cancellationToken)
    {
        Console.WriteLine($"[sms provider] to {userId}: {text}");
        return Task.CompletedTask;
    }
}

/// <summary>How often the campaign runs a round.</summary>
/// <param name="Interval">The time between rounds.</param>
internal sealed record CampaignSchedule(TimeSpan Interval);
