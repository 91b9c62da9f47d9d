using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>
/// A fault-injecting layer in front of the reference server's endpoints, under test control: 500s, 429s with
/// Retry-After, delays past the client's timeout (the server still processes them), and dropped connections both
/// before and after the server processed the request. The first push is always processed and then dropped (so the
/// client must retry into duplicates) and the second always gets a 429, so both are exercised whatever the dice say.
/// </summary>
internal sealed class FaultInjector(int seed, TimeSpan slowDelay)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, TimeSpan> _throttledAt = new(StringComparer.Ordinal);
    private int _pushes;

    private enum Fault
    {
        None,
        ServerError,
        TooManyRequests,
        DropBefore,
        Slow,
        ProcessThenDrop,
    }

    public volatile bool Enabled = true;

    public int Injected { get; private set; }

    /// <summary>429s served.</summary>
    public int Throttled { get; private set; }

    /// <summary>429s after which the same kind of request (push, or pull and catalog) came back no sooner than Retry-After.</summary>
    public int WaitedAfterThrottle { get; private set; }

    public void Install(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!Enabled || !context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }

        Fault fault = Choose(context.Request.Method);
        switch (fault)
        {
            case Fault.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            case Fault.TooManyRequests:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return;
            case Fault.DropBefore:
                context.Abort(); // dropped before the server saw the request
                return;
            case Fault.Slow:
                await Task.Delay(slowDelay, CancellationToken.None); // the client times out; the server still processes
                await next(context);
                return;
            case Fault.ProcessThenDrop:
                await ProcessThenDropAsync(context, next);
                return;
            default:
                await next(context);
                return;
        }
    });

    private Fault Choose(string method)
    {
        lock (_gate)
        {
            TimeSpan now = _clock.Elapsed;
            if (_throttledAt.Remove(method, out TimeSpan throttled) && now - throttled >= RetryAfter * 0.95)
            {
                WaitedAfterThrottle++;
            }

            int push = HttpMethods.IsPost(method) ? ++_pushes : 0;
            Fault fault = push switch
            {
                1 => Fault.ProcessThenDrop,
                2 => Fault.TooManyRequests,
                _ => _random.NextDouble() switch
                {
                    < 0.30 => Fault.ServerError,
                    < 0.38 => Fault.TooManyRequests,
                    < 0.43 => Fault.DropBefore,
                    < 0.49 => Fault.Slow,
                    < 0.55 => Fault.ProcessThenDrop,
                    _ => Fault.None,
                },
            };
            if (fault != Fault.None)
            {
                Injected++;
            }

            if (fault == Fault.TooManyRequests)
            {
                Throttled++;
                _throttledAt[method] = now;
            }

            return fault;
        }
    }

    private static async Task ProcessThenDropAsync(HttpContext context, RequestDelegate next)
    {
        // The server commits the events, but the answer is lost: the client must retry and get duplicates.
        Stream original = context.Response.Body;
        context.Response.Body = Stream.Null;
        await next(context);
        context.Response.Body = original;
        context.Abort();
    }
}
