using Cpm.Sdk;

string path = Path.Combine(Path.GetTempPath(), "cpm-smoke.db");
File.Delete(path);
await using CpmClient cpm = await CpmClient.OpenAsync(new CpmOptions
{
    DatabasePath = path,
    Purposes = { new PurposeDefinition { Id = "marketing" } },
    Channels = { "sms", "email" },
});
Console.WriteLine(cpm.Evaluate("u1", "marketing", "sms"));
var r = await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "*", ConsentChoice.Granted));
Console.WriteLine(r);
Console.WriteLine(cpm.Evaluate("u1", "marketing", "sms"));
await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Withdrawn));
Console.WriteLine(cpm.Evaluate("u1", "marketing", "sms"));
Console.WriteLine(cpm.Evaluate("u1", "marketing", "email"));
foreach (var h in await cpm.GetHistoryAsync("u1"))
{
    Console.WriteLine(h);
}
