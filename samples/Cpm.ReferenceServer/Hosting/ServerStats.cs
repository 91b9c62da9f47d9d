namespace Cpm.ReferenceServer.Hosting;

/// <summary>Counters tests read through <see cref="ReferenceServerHost"/>; thread-safe.</summary>
internal sealed class ServerStats
{
    private int _requests;
    private int _duplicates;

    /// <summary>Requests that arrived for a <c>v1/</c> path, counted before any other middleware ran.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Pushed events answered <c>duplicate</c>.</summary>
    public int DuplicateCount => Volatile.Read(ref _duplicates);

    public void AddDuplicates(int count) => Interlocked.Add(ref _duplicates, count);

    public void CountRequest() => Interlocked.Increment(ref _requests);
}
