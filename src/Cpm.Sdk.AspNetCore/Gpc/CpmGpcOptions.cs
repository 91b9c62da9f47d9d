namespace Cpm.Sdk.AspNetCore;

/// <summary>
/// Options of Global Privacy Control (<c>app.UseCpmGlobalPrivacyControl()</c>), registered with
/// <c>services.AddCpmGlobalPrivacyControl(...)</c>.
/// </summary>
public sealed class CpmGpcOptions
{
    /// <summary>
    /// The <c>lastUpdate</c> of <c>/.well-known/gpc.json</c>: the date the site's handling of the signal last changed.
    /// <see langword="null"/> (the default) leaves the member out, as the GPC specification allows.
    /// </summary>
    public DateOnly? LastUpdate { get; set; }

    /// <summary>Whether the middleware serves <c>/.well-known/gpc.json</c>. Default <see langword="true"/>.</summary>
    public bool ServeWellKnown { get; set; } = true;
}
