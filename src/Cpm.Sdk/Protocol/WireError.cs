namespace Cpm.Sdk.Protocol;

/// <summary>
/// The body of every error response a server writes itself: <c>{"error":"..."}</c> with the server's own short message,
/// never a parser's message, a stack trace or a type name (docs/protocol.md §3, §6).
/// </summary>
public sealed class WireError
{
    /// <summary>The message; <see cref="WireFormat.UnsupportedVersionError"/> is the one clients recognise.</summary>
    public string? Error { get; set; }
}
