using System.Globalization;
using Cpm.Sdk;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary><c>GET {group}</c>: the page; <c>POST {group}</c>: save the choices form, then back to the page.</summary>
internal static class ChoicesEndpoints
{
    public static async Task<IResult> PageAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (PageRequest.Of(http, "") is not { } request)
        {
            return TypedResults.Unauthorized();
        }

        PageText text = PageText.For(request.Language());
        AntiforgeryTokenSet tokens = request.Antiforgery.GetAndStoreTokens(http);
        PreferenceSnapshot snapshot = await PreferenceSnapshot.ReadAsync(
            request.Service<IConsentGate>(), request.Service<IConsentHistory>(), request.Context.Layout, request.UserId, cancellationToken)
            .ConfigureAwait(false);
        var model = new PreferencePageModel(
            request.Context, text, request.UserId, request.BasePath, tokens.FormFieldName, tokens.RequestToken ?? "", snapshot, Status(http, text));
        return request.Page(PreferencePage.Render(model));
    }

    public static async Task<IResult> SaveAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (PageRequest.Of(http, "") is not { } request)
        {
            return TypedResults.Unauthorized();
        }

        if (await request.RefuseForgeryAsync().ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        PreferenceLayout layout = request.Context.Layout;
        IFormCollection fields = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        if (PreferenceFormReader.TryRead(fields, layout, request.AntiforgeryField(), out PreferenceForm form) is { } problem)
        {
            return PageRequest.Problem(problem.Field, problem.Message);
        }

        IConsentGate gate = request.Service<IConsentGate>();
        PreferenceSnapshot before = await PreferenceSnapshot.ReadAsync(gate, request.Service<IConsentHistory>(), layout, request.UserId, cancellationToken)
            .ConfigureAwait(false);
        var captures = new CaptureFactory(request.Context, http, request.UserId, "choices", request.Language());
        int recorded = await new ChoiceRecorder(gate, request.Service<IConsentRecorder>(), layout, request.UserId)
            .SaveAsync(form, before, captures, cancellationToken).ConfigureAwait(false);
        return request.SeeOther(Done.Saved + "&n=" + recorded.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The message after a redirect: what was done, from the <c>done</c> query; anything else shows none.</summary>
    private static string? Status(HttpContext http, PageText text) =>
        http.Request.Query["done"].ToString() switch
        {
            "saved" when int.TryParse(http.Request.Query["n"], NumberStyles.None, CultureInfo.InvariantCulture, out int n) =>
                n == 0 ? text.NothingChanged : text.Saved(n),
            "withdrawn" => text.WithdrawnAll,
            "erased" => text.ErasedDone,
            "nothing-to-erase" => text.NothingToErase,
            _ => null,
        };
}

/// <summary>The <c>done</c> queries of the redirects.</summary>
internal static class Done
{
    public const string Saved = "done=saved";
    public const string Withdrawn = "done=withdrawn";
    public const string Erased = "done=erased";
    public const string NothingToErase = "done=nothing-to-erase";
}
