// Cpm reference server: wire protocol v1 (docs/protocol.md) on SQLite, for development and as a starting point.
//   dotnet run --project samples/Cpm.ReferenceServer [-- --ReferenceServer:Url=http://127.0.0.1:5081]
// Settings come from appsettings.json (section "ReferenceServer"), then CPM_-prefixed environment variables
// (CPM_ReferenceServer__Url=...), then the command line.
using System.Runtime.InteropServices;
using Cpm.ReferenceServer;
using Microsoft.Extensions.Configuration;

IConfigurationRoot configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables("CPM_")
    .AddCommandLine(args)
    .Build();
var options = new ReferenceServerOptions();
configuration.GetSection(ReferenceServerOptions.SectionName).Bind(options);
options.DatabasePath = Path.GetFullPath(string.IsNullOrWhiteSpace(options.DatabasePath) ? "cpm-server.db" : options.DatabasePath);

using var stop = new CancellationTokenSource();
using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

await using ReferenceServerHost server = await ReferenceServerHost.StartAsync(options, cancellationToken: stop.Token);
Console.WriteLine($"Cpm reference server (protocol v1) listening on {server.BaseAddress}");
Console.WriteLine($"  database: {options.DatabasePath} ({server.EventCount()} events)");
Console.WriteLine($"  purposes: {string.Join(", ", options.Purposes.Select(p => p.Id))}");
Console.WriteLine($"  channels: {string.Join(", ", options.Channels)}");
// The development API key is shown so the quickstart can be copied; real API keys are never printed or logged.
// The checkpoint key's public half is printed so clients can pin it; its private half never is.
Console.WriteLine(options.ApiKeys.Contains("dev-key")
    ? "  API key:  dev-key  (Authorization: Bearer dev-key)"
    : $"  API keys: {options.ApiKeys.Count} configured (not shown)");
Console.WriteLine($"  log:      {options.LogOrigin}, {server.LogSize} entries");
Console.WriteLine(server.DevelopmentKeyPath is { } keyPath
    ? $"  checkpoint key: development key {(server.DevelopmentKeyGenerated ? "made now" : "reused")}, {keyPath} (owner-only; configure your own for production)"
    : "  checkpoint key: configured");
Console.WriteLine($"  checkpoint key id: {server.CheckpointKeyId}");
Console.WriteLine("  checkpoint public key (CpmOptions.ServerPublicKey; also served at GET v1/checkpoint-key):");
Console.WriteLine(server.CheckpointPublicKeyPem);
Console.WriteLine("Press Ctrl+C to stop.");

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM: fall through to dispose, which stops the server and releases the database.
}

Console.WriteLine("Stopping.");

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
