using Cpm.Sdk;
using Microsoft.Extensions.Logging;

namespace Cpm.ReferenceServer;

/// <summary>
/// Settings of the reference server; bindable from the configuration section <see cref="SectionName"/>.
/// </summary>
public sealed class ReferenceServerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "ReferenceServer";

    /// <summary>The log origin used when none is configured.</summary>
    public const string DefaultLogOrigin = "cpm-reference-server";

    /// <summary>The server's SQLite file; created when missing.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>The accepted API keys: clients send one as <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public IList<string> ApiKeys { get; set; } = new List<string>();

    /// <summary>
    /// Where to listen: <c>http://127.0.0.1:{port}</c>. Only loopback is served; port 0 picks any free port.
    /// </summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary>
    /// The purposes served by <c>GET v1/catalog</c>; pushed events must name one of them. The same definitions an SDK
    /// instance declares locally; a <see cref="PurposeDefinition.Validity"/> goes on the wire in whole days.
    /// </summary>
    public IList<PurposeDefinition> Purposes { get; set; } = new List<PurposeDefinition>();

    /// <summary>The channels served by <c>GET v1/catalog</c>; pushed events must name one of them, or <c>*</c>.</summary>
    public IList<string> Channels { get; set; } = new List<string>();

    /// <summary>
    /// The name of the server's audit log, the first line of every signed checkpoint (docs/protocol.md §9): 1 to 255
    /// characters, no control characters. Default <c>cpm-reference-server</c>; give each deployment its own.
    /// </summary>
    public string LogOrigin { get; set; } = DefaultLogOrigin;

    /// <summary>
    /// The checkpoint signing key as PEM (an ECDSA P-256 private key, <c>PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>). Set at
    /// most one of this and <see cref="CheckpointKeyPath"/>; with neither, a development key is made at first start and
    /// kept beside the database (<see cref="DevelopmentKeyPath"/>).
    /// </summary>
    public string? CheckpointKeyPem { get; set; }

    /// <summary>A file holding the checkpoint signing key as PEM, as for <see cref="CheckpointKeyPem"/>.</summary>
    public string? CheckpointKeyPath { get; set; }

    /// <summary>The least severe log level written; <see cref="LogLevel.Warning"/> keeps tests and samples quiet.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>
    /// The server clock: a pushed grant more than 5 minutes ahead of it is rejected (refusals never are), and it paces the
    /// warnings about unauthenticated requests. Not bound from configuration.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the development checkpoint key of a database is kept when no key is configured: beside the database, owner-only.</summary>
    /// <param name="databasePath">The database file.</param>
    /// <returns>The key file's path.</returns>
    public static string DevelopmentKeyPath(string databasePath) => Path.GetFullPath(databasePath) + ".checkpoint-key.pem";

    /// <summary>An extra destination for the server's logs, beside the console (tests capture lines through it). Not bound from configuration.</summary>
    public ILoggerProvider? LoggerProvider { get; set; }
}
