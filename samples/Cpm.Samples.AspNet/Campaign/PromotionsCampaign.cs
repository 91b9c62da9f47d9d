using Cpm.Sdk;

namespace Cpm.Samples.AspNet.Campaign;

/// <summary>
/// A background campaign: every round, it offers each person in the audience a promotion by SMS. Right before each
/// send it asks the send guard (<see cref="ISendGuard.ReserveAsync"/>), which checks the gate at that moment (so a
/// change made a second ago on the preference centre, or at any other touchpoint, counts) and the person's frequency;
/// a send that fails gives its reservation back. Its log lines hold counts and reasons, never a user id.
/// </summary>
internal sealed partial class PromotionsCampaign(
    ISendGuard guard, ISmsProvider sms, CampaignAudience audience, CampaignSchedule schedule, ILogger<PromotionsCampaign> logger)
    : BackgroundService
{
    public const string Purpose = "marketing.promotions";
    public const string Channel = "sms";
    private const string Text = "This week only: 20% off with code SPRING. Reply STOP to opt out.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(schedule.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RoundAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    /// <summary>One round over the audience; returns how many messages went out.</summary>
    public async Task<int> RoundAsync(CancellationToken cancellationToken)
    {
        int sent = 0;
        var skipped = new Dictionary<DecisionReason, int>();
        foreach (string userId in audience.Snapshot())
        {
            SendDecision decision = await guard.ReserveAsync(userId, Purpose, Channel, cancellationToken);
            if (!decision.IsAllowed)
            {
                skipped[decision.Reason] = skipped.GetValueOrDefault(decision.Reason) + 1;
                continue;
            }

            try
            {
                await sms.SendAsync(userId, Text, cancellationToken);
                sent++;
            }
            catch when (decision.ReservationId is { } reservation)
            {
                await guard.ReleaseAsync(reservation, CancellationToken.None);   // it did not go out: give the place back
                throw;
            }
        }

        LogRound(logger, sent, skipped.Count == 0 ? "none" : string.Join(", ", skipped.Select(s => $"{s.Key} {s.Value}")));
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Promotions by SMS: {Sent} sent; skipped: {Skipped}")]
    private static partial void LogRound(ILogger logger, int sent, string skipped);
}
