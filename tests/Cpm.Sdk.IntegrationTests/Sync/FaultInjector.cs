using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>
/// A fault-injecting layer in front of the reference server's endpoints, under test control: 500s, 429s with
/// Retry-After, delays past the client's timeout (the server still processes them), and dropped connections both
/// before and after the server processed the request.
/// </summary>
internal sealed class FaultInjector(int seed, TimeSpan slowDelay)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public volatile bool Enabled = true;

    public int Injected { get; private set; }

    public void Install(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        double roll;
        lock (_gate)
        {
            roll = _random.NextDouble();
        }

        if (!Enabled || !context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }

        Count(roll < 0.55);
        switch (roll)
        {
            case < 0.30:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            case < 0.38:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                return;
            case < 0.43:
                context.Abort(); // dropped before the server saw the request
                return;
            case < 0.49:
                await Task.Delay(slowDelay, CancellationToken.None); // the client times out; the server still processes
                await next(context);
                return;
            case < 0.55:
                await ProcessThenDropAsync(context, next);
                return;
            default:
                await next(context);
                return;
        }
    });

    private static async Task ProcessThenDropAsync(HttpContext context, RequestDelegate next)
    {
        // The server commits the events, but the answer is lost: the client must retry and get duplicates.
        Stream original = context.Response.Body;
        context.Response.Body = Stream.Null;
        await next(context);
        context.Response.Body = original;
        context.Abort();
    }

    private void Count(bool injected)
    {
        if (injected)
        {
            lock (_gate)
            {
                Injected++;
            }
        }
    }
}
