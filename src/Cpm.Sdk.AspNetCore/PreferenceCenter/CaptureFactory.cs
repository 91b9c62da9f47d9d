using Cpm.Sdk;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>
/// Makes the captures of one request: the person, the notice version, the source, the jurisdiction and the evidence
/// (ip, user agent, page version, form, language). Each capture occurs one millisecond after the previous one, so the
/// order the page records them in (an ancestor before its topics) is the order rule 4 sees, never a tie.
/// </summary>
internal sealed class CaptureFactory
{
    private const int MaxUserAgentLength = 512;
    private readonly PreferenceCenterContext _context;
    private readonly string _userId;
    private readonly Dictionary<string, string> _evidence;
    private readonly DateTimeOffset _start;
    private int _count;

    public CaptureFactory(PreferenceCenterContext context, HttpContext http, string userId, string form, string language)
    {
        _context = context;
        _userId = userId;
        _start = context.Now();
        _evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["pageVersion"] = context.Options.PageVersion,
            ["form"] = form,
            ["language"] = language,
        };
        if (http.Connection.RemoteIpAddress is { } ip)
        {
            _evidence["ip"] = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString() : ip.ToString();
        }

        string userAgent = http.Request.Headers.UserAgent.ToString();
        if (userAgent.Length > 0)
        {
            _evidence["userAgent"] = userAgent.Length <= MaxUserAgentLength ? userAgent : userAgent[..MaxUserAgentLength];
        }
    }

    /// <summary>How many captures this factory made.</summary>
    public int Count => _count;

    public ConsentCapture Next(ShownPurpose purpose, string channel, ConsentChoice choice, FrequencyCap? frequency) =>
        new(_userId, purpose.Id, channel, choice)
        {
            PolicyVersion = _context.Options.NoticeVersion,
            Source = _context.Options.Source,
            Jurisdiction = _context.Options.Jurisdiction,
            OccurredAt = _start.AddMilliseconds(_count++),
            Evidence = _evidence,
            Frequency = choice == ConsentChoice.Granted ? frequency : null,
            // Each box is one purpose on its own: a grant ticked there is that purpose's separate consent (PIPL).
            Separate = choice == ConsentChoice.Granted && purpose.Definition.RequiresSeparateConsent,
        };
}
