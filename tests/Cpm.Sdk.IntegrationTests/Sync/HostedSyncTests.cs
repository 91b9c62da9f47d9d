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
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Push = ScriptedServer.Answer(409, """{"error":"not now"}"""); // refuses every push until the host stops
        CpmOptions configured = SyncHarness.ClientOptions(temp, server.BaseAddress);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddCpm(o =>
        {
            o.DatabasePath = configured.DatabasePath;
            o.Endpoint = configured.Endpoint;
            o.ApiKey = configured.ApiKey;
            o.PollWait = configured.PollWait;
            o.MaxBackoff = TimeSpan.FromMinutes(5); // after the refusal, the loop will not try again on its own during the test
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
        await SyncHarness.EventuallyAsync(() => sync.Status.LastError?.Contains("409", StringComparison.Ordinal) == true, Deadline, "the hosted push loop ran and was refused");
        await SyncHarness.EventuallyAsync(() => server.Pulls.Count > 0, Deadline, "the hosted pull loop runs too");
        sync.Status.OutboxDepth.Should().Be(1);

        server.Push = null;
        await host.StopAsync();

        server.Reference.EventIds().Should().Contain(record.Id, "stopping the host delivered the outbox");
        sync.Status.OutboxDepth.Should().Be(0);
    }
}
