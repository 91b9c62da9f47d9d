using Microsoft.Extensions.Hosting;

namespace Cpm.Sdk.Hosting;

/// <summary>
/// Under DI, runs the sync loop for the container's <see cref="CpmClient"/>: opens the client at host start (so the
/// gate is loaded before traffic), starts the loops, and on stop delivers the outbox within the shutdown deadline.
/// </summary>
internal sealed class CpmSyncService(CpmClient client) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        client.StartSync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => client.StopSyncAsync();
}
