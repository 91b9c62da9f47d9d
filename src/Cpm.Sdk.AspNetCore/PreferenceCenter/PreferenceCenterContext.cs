using Cpm.Sdk;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>The preference centre's validated settings and what is worked out from them once: one per application.</summary>
internal sealed class PreferenceCenterContext
{
    private readonly Lazy<PreferenceLayout> _layout;

    public PreferenceCenterContext(IOptions<PreferenceCenterOptions> options, IOptions<CpmOptions> cpm)
    {
        Options = options.Value;
        Cpm = cpm.Value;
        Names = new DisplayNames(Options);
        _layout = new Lazy<PreferenceLayout>(() =>
        {
            var problems = new List<string>();
            return PreferenceLayout.Build(Options, Cpm, problems)
                ?? throw new OptionsValidationException(nameof(PreferenceCenterOptions), typeof(PreferenceCenterOptions), problems);
        });
    }

    public PreferenceCenterOptions Options { get; }

    public CpmOptions Cpm { get; }

    public DisplayNames Names { get; }

    public PreferenceLayout Layout => _layout.Value;

    /// <summary>Now, truncated to whole milliseconds as the SDK stores times.</summary>
    public DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds((Cpm.TimeProvider ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>A stored time in the SDK's time zone, for display.</summary>
    public DateTimeOffset Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Cpm.TimeZone ?? TimeZoneInfo.Utc);
}
