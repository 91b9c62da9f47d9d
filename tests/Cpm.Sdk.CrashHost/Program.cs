// A child process for crash tests: records consent in a loop from several concurrent callers and prints
// "ack <id>" for each record the moment RecordAsync returns. The test kills it with SIGKILL mid-stream.
using Cpm.Sdk;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Cpm.Sdk.CrashHost <database-path>");
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
