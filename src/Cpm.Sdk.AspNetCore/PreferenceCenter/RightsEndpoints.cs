using Cpm.Sdk;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>
/// <c>POST {group}/withdraw</c> (withdraw everything), <c>POST {group}/export</c> (download my data),
/// <c>GET {group}/erase</c> (the confirmation step) and <c>POST {group}/erase</c> (erase, once confirmed).
/// </summary>
internal static class RightsEndpoints
{
    public static async Task<IResult> WithdrawAsync(HttpContext http, CancellationToken cancellationToken)
    {
        (PageRequest? request, IResult? refusal) = await PageRequest.AcceptPostAsync(http, RightsSections.WithdrawPath, null, cancellationToken)
            .ConfigureAwait(false);
        if (request is null)
        {
            return refusal!;
        }

        PreferenceLayout layout = request.Context.Layout;
        PreferenceSnapshot now = await PreferenceSnapshot.ReadAsync(
            request.Service<IConsentGate>(), request.Service<IConsentHistory>(), layout, request.UserId, cancellationToken).ConfigureAwait(false);
        var captures = new CaptureFactory(request.Context, http, request.UserId, "withdraw-all", request.Language());
        await WithdrawAll.RunAsync(request.Service<IConsentRecorder>(), layout, now, captures, cancellationToken).ConfigureAwait(false);
        return request.SeeOther(Done.Withdrawn);
    }

    /// <summary>The person's access export (<see cref="IDataSubjectRights.ExportSubjectAsync"/>) as a JSON download.</summary>
    public static async Task<IResult> ExportAsync(HttpContext http, CancellationToken cancellationToken)
    {
        (PageRequest? request, IResult? refusal) = await PageRequest.AcceptPostAsync(http, RightsSections.ExportPath, null, cancellationToken)
            .ConfigureAwait(false);
        if (request is null)
        {
            return refusal!;
        }

        // One person's data: buffered, so a failure is a clean error rather than half a file.
        using var buffer = new MemoryStream();
        await request.Service<IDataSubjectRights>().ExportSubjectAsync(request.UserId, buffer, cancellationToken).ConfigureAwait(false);
        http.Response.Headers.CacheControl = "no-store";
        string day = request.Context.Local(request.Context.Now()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(buffer.ToArray(), "application/json", $"my-privacy-data-{day}.json");
    }

    public static IResult ConfirmErasure(HttpContext http)
    {
        if (PageRequest.Of(http, RightsSections.ErasePath) is not { } request)
        {
            return TypedResults.Unauthorized();
        }

        AntiforgeryTokenSet tokens = request.Antiforgery.GetAndStoreTokens(http);
        return request.Page(ErasePage.Render(PageText.For(request.Language()), request.BasePath, tokens.FormFieldName, tokens.RequestToken ?? ""));
    }

    public static async Task<IResult> EraseAsync(HttpContext http, CancellationToken cancellationToken)
    {
        (PageRequest? request, IResult? refusal) = await PageRequest.AcceptPostAsync(
            http, RightsSections.ErasePath, ErasePage.ConfirmField, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return refusal!;
        }

        IReadOnlyList<ConsentRecord> history = await request.Service<IConsentHistory>().GetHistoryAsync(request.UserId, cancellationToken)
            .ConfigureAwait(false);
        if (!history.Any(r => r.Kind != EventKind.Erasure))
        {
            return request.SeeOther(Done.NothingToErase);
        }

        await request.Service<IDataSubjectRights>().EraseAsync(request.UserId, cancellationToken).ConfigureAwait(false);
        return request.SeeOther(Done.Erased);
    }
}
