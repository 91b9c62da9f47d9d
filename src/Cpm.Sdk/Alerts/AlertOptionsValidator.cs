namespace Cpm.Sdk.Alerts;

/// <summary>Checks <see cref="CpmOptions.Alerts"/> and names each option that is wrong.</summary>
internal static class AlertOptionsValidator
{
    private static readonly TimeSpan MaxCheckInterval = TimeSpan.FromHours(1);

    public static void Check(CpmOptions options, List<string> problems)
    {
        AlertOptions alerts = options.Alerts;
        if (alerts.MassWithdrawalThreshold < 1)
        {
            problems.Add("CpmOptions.Alerts.MassWithdrawalThreshold must be at least 1.");
        }

        if (alerts.MassWithdrawalWindow <= TimeSpan.Zero || alerts.MassWithdrawalWindow > AlertOptions.MaxWindow)
        {
            problems.Add($"CpmOptions.Alerts.MassWithdrawalWindow must be positive and at most {AlertOptions.MaxWindow.TotalDays} days.");
        }

        if (alerts.OutboxBacklogAge <= TimeSpan.Zero)
        {
            problems.Add("CpmOptions.Alerts.OutboxBacklogAge must be positive.");
        }

        if (alerts.PullStaleAfter <= TimeSpan.Zero || alerts.PullStaleAfter <= options.PollWait)
        {
            problems.Add("CpmOptions.Alerts.PullStaleAfter must be positive and longer than CpmOptions.PollWait.");
        }

        if (alerts.CheckInterval <= TimeSpan.Zero || alerts.CheckInterval > MaxCheckInterval)
        {
            problems.Add("CpmOptions.Alerts.CheckInterval must be positive and at most one hour.");
        }
    }
}
