namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>What a scenario runs against: the real client on a SQLite file, or the double (through its recorder or its builder).</summary>
internal interface ISubject : IAsyncDisposable
{
    IConsentGate Gate { get; }

    ISendGuard Guard { get; }

    /// <summary>Records a capture; the id of the stored record.</summary>
    Task<Guid> RecordAsync(ConsentCapture? capture);

    void Advance(TimeSpan by);

    /// <summary>Sets the clock back by <paramref name="by"/>.</summary>
    void TurnBack(TimeSpan by);

    /// <summary>Links an alias; the id of the link event.</summary>
    Task<Guid> LinkAsync(string userId, string alias);

    /// <summary>Erases a person; the id of the erasure event.</summary>
    Task<Guid> EraseAsync(string userId);

    Task<IReadOnlyList<ConsentRecord>> HistoryAsync(string userId);
}
