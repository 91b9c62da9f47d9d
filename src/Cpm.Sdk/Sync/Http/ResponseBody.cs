using System.Buffers;
using System.Globalization;

namespace Cpm.Sdk.Sync.Http;

/// <summary>
/// Reads a response body with a size cap and a deadline of its own. The resilience policies' per-try timeout ends
/// when the headers arrive; without this, an endpoint that sends headers and then goes silent would hold a sync
/// loop forever, and one that streams without end would fill memory.
/// </summary>
internal static class ResponseBody
{
    /// <summary>The largest body read: a full pull page (500 events with 16 KiB of evidence each) fits with room to spare.</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    /// <summary>Error bodies are read only this far; a longer one is not our error JSON and is not shown.</summary>
    public const int MaxErrorBytes = 64 * 1024;

    /// <summary>
    /// Reads the body within <paramref name="timeout"/>. Returns <see langword="null"/> when it exceeds
    /// <paramref name="maxBytes"/> and <paramref name="failWhenLarger"/> is false; throws a protocol
    /// <see cref="SyncFailure"/> when it is true, and a transient one when the body stalls.
    /// </summary>
    public static async Task<ArraySegment<byte>?> ReadAsync(
        HttpResponseMessage response, int maxBytes, bool failWhenLarger, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            return failWhenLarger ? throw TooLarge(maxBytes, declared) : null;
        }

        using var deadline = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            using Stream stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            using var body = new MemoryStream(response.Content.Headers.ContentLength is { } length ? (int)length : 0);
            int read;
            while ((read = await stream.ReadAsync(chunk, linked.Token).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    return failWhenLarger ? throw TooLarge(maxBytes, null) : null;
                }

                body.Write(chunk, 0, read);
            }

            return new ArraySegment<byte>(body.GetBuffer(), 0, (int)body.Length);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SyncFailure(
                Outcome.Transient,
                string.Create(CultureInfo.InvariantCulture, $"the endpoint sent its headers but not the whole body within {timeout.TotalSeconds:0.#} s"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static SyncFailure TooLarge(int maxBytes, long? declared) => new(
        Outcome.Protocol,
        string.Create(
            CultureInfo.InvariantCulture,
            $"the endpoint's answer is larger than {maxBytes / (1024 * 1024)} MiB{(declared is { } d ? $" ({d} bytes declared)" : "")}"));
}
