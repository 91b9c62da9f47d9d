namespace Cpm.Sdk.AspNetCore;

/// <summary>
/// Whether the request carries the Global Privacy Control signal, set on every request that passes
/// <c>app.UseCpmGlobalPrivacyControl()</c>: read it with <c>HttpContext.Features.Get&lt;IGlobalPrivacyControlFeature&gt;()</c>
/// to honour the signal for visitors who are not signed in, for whom nothing can be recorded.
/// </summary>
public interface IGlobalPrivacyControlFeature
{
    /// <summary><see langword="true"/> when a <c>Sec-GPC</c> header of the request is exactly <c>1</c>.</summary>
    bool HasSignal { get; }
}

/// <summary>The two answers, shared by every request.</summary>
internal sealed class GpcFeature(bool hasSignal) : IGlobalPrivacyControlFeature
{
    public static readonly GpcFeature Present = new(true);
    public static readonly GpcFeature Absent = new(false);

    public bool HasSignal { get; } = hasSignal;
}
