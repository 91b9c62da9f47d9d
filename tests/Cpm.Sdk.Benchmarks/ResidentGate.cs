namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// A <see cref="CpmClient"/> opened on the cached resident store, plus what the baselines need: a plain
/// <see cref="Dictionary{TKey, TValue}"/> holding the same answers, keyed by the same user ids.
/// </summary>
internal sealed class ResidentGate : IDisposable
{
    private ResidentGate(string path, CpmClient client, Dictionary<string, byte> raw)
    {
        Path = path;
        Client = client;
        Raw = raw;
    }

    public string Path { get; }

    public CpmClient Client { get; }

    /// <summary>User id to a bit per channel of <see cref="BenchmarkStore.Channels"/>: set when the gate allows it.</summary>
    public Dictionary<string, byte> Raw { get; }

    public static ResidentGate Open(int users)
    {
        string path = BenchmarkStore.Resident(users);
        CpmClient client = CpmClient.OpenAsync(BenchmarkStore.Options(path)).GetAwaiter().GetResult();
        var raw = new Dictionary<string, byte>(users, StringComparer.Ordinal);
        string[] channels = BenchmarkStore.Channels;
        int allowed = 0;
        for (int i = 0; i < users; i++)
        {
            string user = BenchmarkStore.UserId(i);
            byte bits = 0;
            for (int c = 0; c < channels.Length; c++)
            {
                if (client.CanUse(user, BenchmarkStore.Purpose, channels[c]))
                {
                    bits |= (byte)(1 << c);
                    allowed++;
                }
            }

            raw.Add(user, bits);
        }

        Console.WriteLine($"// Resident gate: {users:N0} users, {allowed:N0} of {users * channels.Length:N0} (user, channel) pairs allowed for '{BenchmarkStore.Purpose}'");
        return new ResidentGate(path, client, raw);
    }

    /// <summary>
    /// <paramref name="count"/> ids drawn at random from the residents, each a fresh string instance
    /// (as a caller's would be), so no lookup can short-circuit on reference equality.
    /// </summary>
    public static string[] RandomIds(int users, int count, int seed)
    {
        var random = new Random(seed);
        var ids = new string[count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = BenchmarkStore.UserId(random.Next(users));
        }

        return ids;
    }

    /// <summary>
    /// Every resident id once, in random order, each a fresh string instance allocated in that order
    /// (as when an audience is read from a file or a query).
    /// </summary>
    public static string[] ShuffledIds(int users, int seed)
    {
        int[] order = [.. Enumerable.Range(0, users)];
        new Random(seed).Shuffle(order);
        return Array.ConvertAll(order, BenchmarkStore.UserId);
    }

    public void Dispose() => Client.Dispose();
}
