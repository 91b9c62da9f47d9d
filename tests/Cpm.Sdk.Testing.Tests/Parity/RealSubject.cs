using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>The real client on a real SQLite store in a temp folder, offline (no endpoint), on a fake clock starting where the double's does.</summary>
internal sealed class RealSubject : ISubject
{
    private readonly TempStore _store;
    private readonly FakeTimeProvider _clock;
    private readonly CpmClient _client;

    private RealSubject(TempStore store, FakeTimeProvider clock, CpmClient client)
    {
        _store = store;
        _clock = clock;
        _client = client;
    }

    public IConsentGate Gate => _client;

    public ISendGuard Guard => _client;

    /// <param name="configure">The scenario's settings on top of the base catalog.</param>
    /// <param name="clock">The clock; a new one at the double's start when <see langword="null"/>.</param>
    public static async Task<RealSubject> OpenAsync(Action<CpmOptions>? configure, FakeTimeProvider? clock = null)
    {
        var store = new TempStore();
        clock ??= new FakeTimeProvider(TestConsent.DefaultStart);
        var options = new CpmOptions { DatabasePath = store.DatabasePath, TimeProvider = clock };
        Catalogs.With(configure)(options);
        try
        {
            return new RealSubject(store, clock, await CpmClient.OpenAsync(options));
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public async Task<Guid> RecordAsync(ConsentCapture? capture) => (await _client.RecordAsync(capture!)).Id;

    public void Advance(TimeSpan by) => _clock.Advance(by);

    public void TurnBack(TimeSpan by) => _clock.AdjustTime(_clock.GetUtcNow() - by);

    public async Task<Guid> LinkAsync(string userId, string alias) => (await _client.LinkAsync(userId, alias)).Id;

    public async Task<Guid> EraseAsync(string userId) => (await _client.EraseAsync(userId)).EventId;

    public Task<IReadOnlyList<ConsentRecord>> HistoryAsync(string userId) => _client.GetHistoryAsync(userId);

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _store.Dispose();
    }
}
