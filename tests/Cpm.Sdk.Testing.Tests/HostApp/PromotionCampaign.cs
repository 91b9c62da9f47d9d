namespace Cpm.Sdk.Testing.Tests.HostApp;

/// <summary>A host application's SMS provider (here, in its tests, a fake that keeps what was sent).</summary>
public interface ISmsSender
{
    Task SendAsync(string userId, string text, CancellationToken cancellationToken);
}

/// <summary>
/// A host application's own send code, written against Cpm.Sdk's interfaces only, as in the README: each send is
/// reserved right before it goes out, and given back when the provider fails.
/// </summary>
public sealed class PromotionCampaign(ISendGuard guard, ISmsSender sms)
{
    public async Task<int> SendAsync(IEnumerable<string> audience, string text, CancellationToken cancellationToken)
    {
        int sent = 0;
        foreach (string userId in audience)
        {
            SendDecision decision = await guard.ReserveAsync(userId, "marketing.promotions", "sms", cancellationToken);
            if (!decision.IsAllowed)
            {
                continue;
            }

            try
            {
                await sms.SendAsync(userId, text, cancellationToken);
                sent++;
            }
            catch when (decision.ReservationId is { } id)
            {
                await guard.ReleaseAsync(id, CancellationToken.None);
                throw;
            }
        }

        return sent;
    }
}

/// <summary>A host application's sign-up form handler: records the person's marketing choice with evidence.</summary>
public sealed class SignupHandler(IConsentRecorder recorder)
{
    public async Task HandleAsync(string userId, bool marketingOptIn, string ip, CancellationToken cancellationToken)
    {
        await recorder.RecordAsync(
            new ConsentCapture(userId, "marketing", "*", marketingOptIn ? ConsentChoice.Granted : ConsentChoice.Denied)
            {
                Source = "web",
                Evidence = new Dictionary<string, string> { ["ip"] = ip, ["form"] = "signup-v3" },
            },
            cancellationToken);
    }
}
