using Cpm.ReferenceServer;
using Cpm.Sdk;

namespace Cpm.Samples.Quickstart;

/// <summary>
/// Part of the sync story: an event the server rejects is kept as a dead letter, listed, and, once the cause is fixed,
/// requeued untouched and delivered.
/// </summary>
internal static class DeadLetterStory
{
    /// <summary>A purpose instance A declares before the server's catalog does.</summary>
    public static readonly PurposeDefinition Surveys = new() { Id = "surveys", LegalBasis = LegalBasis.Consent };

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Runs the story on A; returns whether the rejected event was delivered after the fix, and the server now running
    /// (the story restarts it with the fixed catalog).
    /// </summary>
    public static async Task<(bool Delivered, ReferenceServerHost Server)> RunAsync(CpmClient a, ReferenceServerHost server, ReferenceServerOptions serverOptions)
    {
        Text.Heading("12. An event the server rejects: kept as a dead letter, listed, requeued once fixed, delivered");
        ConsentRecord survey = await a.RecordAsync(new ConsentCapture("noah", "surveys", "email", ConsentChoice.Granted) { Source = "web" });
        Console.WriteLine("  A records a grant for 'surveys', a purpose A declares but the server's catalog does not know yet.");
        if (!await Poll.UntilAsync(() => a.Status.DeadLetterCount == 1, Deadline))
        {
            Console.WriteLine("  the server did not reject it in time");
            return (false, server);
        }

        Console.WriteLine("  The server rejected it; A keeps it (GetDeadLettersAsync), it is never dropped:");
        await WriteAsync(a);

        Console.WriteLine("  The cause is fixed: the server restarts with 'surveys' in its catalog. Then RequeueDeadLettersAsync:");
        await server.DisposeAsync();
        serverOptions.Purposes.Add(Surveys);
        server = await ReferenceServerHost.StartAsync(serverOptions);
        int requeued = await a.RequeueDeadLettersAsync([survey.Id]);
        Console.WriteLine($"  {requeued} event back in A's outbox, untouched (same id {survey.Id}); the push loop takes it at once");

        ReferenceServerHost running = server;
        bool delivered = await Poll.UntilAsync(
            () => running.EventIds().Contains(survey.Id) && a.Status is { OutboxDepth: 0, DeadLetterCount: 0 }, Deadline);
        Console.WriteLine(delivered ? "  delivered: the server holds it and A has no dead letters left" : "  NOT delivered");
        Console.WriteLine();
        return (delivered, server);
    }

    private static async Task WriteAsync(CpmClient a)
    {
        var table = new ConsoleTable("event id", "kind", "reason (from the server)", "failed at (UTC)", "purpose/channel");
        foreach (DeadLetter letter in await a.GetDeadLettersAsync())
        {
            table.Add(letter.EventId, letter.Kind, letter.Reason, Text.Stamp(letter.FailedAt), $"{letter.Record?.Purpose}/{letter.Record?.Channel}");
        }

        table.Write();
    }
}
