using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Cpm.ReferenceServer.Hosting;

/// <summary>
/// Warns about unauthenticated requests at most once per <see cref="Interval"/>, with how many were refused without
/// a warning since the last one: a client with a wrong key, or a scanner, cannot flood the log. The warning names
/// the method and the route pattern only: never the presented key, the query or a path the client made up.
/// </summary>
internal sealed class RefusalLog(ILogger logger, TimeProvider clock)
{
    /// <summary>The least time between two warnings.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private long? _lastWarning;
    private int _suppressed;

    /// <summary>Counts one refused request and warns when the last warning is at least <see cref="Interval"/> old.</summary>
    public void Unauthorized(HttpContext context)
    {
        int suppressed;
        lock (_lock)
        {
            long now = clock.GetTimestamp();
            if (_lastWarning is { } last && clock.GetElapsedTime(last, now) < Interval)
            {
                _suppressed++;
                return;
            }

            _lastWarning = now;
            suppressed = _suppressed;
            _suppressed = 0;
        }

        string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        ServerLog.Unauthorized(logger, context.Request.Method, route, suppressed);
    }
}
