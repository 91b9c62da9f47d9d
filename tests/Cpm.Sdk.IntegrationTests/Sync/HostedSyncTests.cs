using Cpm.ReferenceServer;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cpm.Sdk.IntegrationTests.Sync;

public sealed class HostedSyncTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Under_di_the_hosted_service_runs_sync_and_stopping_the_host_delivers_the_outbox()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        CpmOptions configured = SyncHarness.ClientOptions(temp, server.BaseAddress);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddCpm(o =>
        {
            o.DatabasePath = configured.DatabasePath;
            o.Endpoint = configured.Endpoint;
            o.ApiKey = configured.ApiKey;
            o.PollWait = configured.PollWait;
            o.MaxBackoff = configured.MaxBackoff;
            foreach (PurposeDefinition purpose in configured.Purposes)
            {
                o.Purposes.Add(purpose);
            }

            foreach (string channel in configured.Channels)
            {
                o.Channels.Add(channel);
            }
        });
        using IHost host = builder.Build();
        await host.StartAsync();

        IConsentRecorder recorder = host.Services.GetRequiredService<IConsentRecorder>();
        IConsentSync sync = host.Services.GetRequiredService<IConsentSync>();
        ConsentRecord record = await recorder.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));

        await SyncHarness.EventuallyAsync(() => server.EventIds().Contains(record.Id), Deadline, "the hosted sync loop pushes the capture");
        await SyncHarness.EventuallyAsync(() => sync.Status.State == SyncState.Online, Deadline, "status Online");

        await host.StopAsync();
        sync.Status.OutboxDepth.Should().Be(0);
    }
}
