using System.Text;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>Issue 6 §1: a response body is bounded in time (headers then silence) and in size.</summary>
public sealed class ResponseLimitTests
{
    [Fact]
    public async Task Headers_then_silence_time_out_instead_of_holding_sync_forever()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Pull = async (context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"events\":[", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await server.StallAsync(context);
        };
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        await using CpmClient client = CpmClient.Open(options, null, null);

        // The test's own deadline only catches a hang; the bound itself is the request timeout, named in the error.
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        SyncResult round = await client.SyncNowAsync(hang.Token);

        round.Status.State.Should().Be(SyncState.Offline);
        round.Status.LastError.Should().Contain("not the whole body within 2 s");

        server.Pull = null;
        (await client.SyncNowAsync(hang.Token)).Status.State.Should().Be(SyncState.Online);
    }

    [Fact]
    public async Task An_oversized_body_is_a_protocol_error_and_a_full_page_of_large_events_still_fits()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Pull = async (context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"events\":[],\"cursor\":\"1\",\"hasMore\":false,\"padding\":\"", context.RequestAborted);
            byte[] chunk = Encoding.ASCII.GetBytes(new string('x', 1024 * 1024));
            for (int i = 0; i < 33 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }

            await context.Response.WriteAsync("\"}", context.RequestAborted);
        };
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.RequestTimeout = TimeSpan.FromSeconds(60); // 33 MiB must arrive in time even on a loaded machine: the cap, not the clock, must stop it
        await using CpmClient client = CpmClient.Open(options, null, null);

        SyncResult oversized = await client.SyncNowAsync();

        oversized.Status.State.Should().Be(SyncState.Offline);
        oversized.Status.LastError.Should().Contain("larger than 32 MiB");

        WireEvent[] page = [.. Enumerable.Range(0, WireFormat.MaxBatch).Select(i => WirePages.Event($"user-{i}", evidence: new string('e', 16_000)))];
        string json = WirePages.Page(page, "500");
        Encoding.UTF8.GetByteCount(json).Should().BeGreaterThan(8_000_000, "a full page of events with 16 KiB of evidence");
        server.Pull = async (context, real) =>
            await ScriptedServer.Answer(200, context.Request.Query["after"] == "" ? json : WirePages.Empty("500"))(context, real);

        SyncResult full = await client.SyncNowAsync();

        full.Pulled.Should().Be(WireFormat.MaxBatch);
        full.Status.State.Should().Be(SyncState.Online);
        full.Status.ParkedCount.Should().Be(0);
    }
}
