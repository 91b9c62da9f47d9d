// A child process for crash tests: records consent in a loop from several concurrent callers and prints
// "ack <id>" for each record the moment RecordAsync returns. The test kills it with SIGKILL mid-stream.
// With "reserve <unix-ms>", it runs a campaign through the send guard instead, on a clock that starts at that time,
// and prints "ack <id>" for each reservation the moment ReserveAsync allows it.
using System.Diagnostics;
using Cpm.Sdk;

if (args is [_, "reserve", _])
{
    return await Campaign.RunAsync(args[0], DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)));
}

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Cpm.Sdk.CrashHost <database-path> [reserve <unix-ms>]");
    return 2;
}

await using CpmClient cpm = await CpmClient.OpenAsync(new CpmOptions
{
    DatabasePath = args[0],
    Purposes = { new PurposeDefinition { Id = "marketing" } },
    Channels = { "sms", "email" },
});

var output = Console.Out;
var gate = new object();
Console.WriteLine("ready");
await Task.WhenAll(Enumerable.Range(0, 4).Select(caller => Task.Run(async () =>
{
    for (long i = 0; ; i++)
    {
        ConsentRecord record = await cpm.RecordAsync(new ConsentCapture(
            $"crash-{caller}-{i % 50}", "marketing", i % 2 == 0 ? "sms" : "*", (ConsentChoice)(i % 3)));
        lock (gate)
        {
            output.WriteLine($"ack {record.Id:D}");
            output.Flush();
        }
    }
})));
return 0;

/// <summary>The send-guard campaign of the crash test: four callers, 40 people, every one capped at 3 sends a month.</summary>
internal static class Campaign
{
    public static CpmOptions Options(string path, TimeProvider clock)
    {
        var options = new CpmOptions
        {
            DatabasePath = path,
            Purposes = { new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.LegitimateInterest } },
            Channels = { "sms", "email" },
            TimeProvider = clock,
        };
        options.FrequencyRules.Add(new FrequencyRule("*", 3, FrequencyPeriod.Month));
        return options;
    }

    public static async Task<int> RunAsync(string path, DateTimeOffset start)
    {
        await using CpmClient cpm = await CpmClient.OpenAsync(Options(path, new RunningClock(start)));
        var output = Console.Out;
        var gate = new object();
        Console.WriteLine("ready");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(caller => Task.Run(async () =>
        {
            for (long i = 0; ; i++)
            {
                SendDecision decision = await cpm.ReserveAsync($"person-{(i * 7 + caller) % 40}", "marketing", i % 2 == 0 ? "sms" : "email");
                if (decision.ReservationId is { } id)
                {
                    lock (gate)
                    {
                        output.WriteLine($"ack {id:D}");
                        output.Flush();
                    }
                }
            }
        })));
        return 0;
    }

    /// <summary>A clock that starts at a given time and runs at the real pace, so parent and child agree on the period.</summary>
    private sealed class RunningClock(DateTimeOffset start) : TimeProvider
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(_started);
    }
}
