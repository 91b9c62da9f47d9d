namespace Cpm.Sdk;

/// <summary>Settings for a <see cref="CpmClient"/>. Validated when the client opens.</summary>
public sealed class CpmOptions
{
    /// <summary>The SQLite file that holds the local store. Created when missing. Required.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>The central CPM endpoint; <see langword="null"/> runs offline only, with no sync.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The API key sent to <see cref="Endpoint"/>; required when an endpoint is set. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The purposes the gate knows. Any other purpose is denied.</summary>
    public IList<PurposeDefinition> Purposes { get; } = new List<PurposeDefinition>();

    /// <summary>The channels the gate knows, such as <c>sms</c> or <c>email</c>. Any other channel is denied.</summary>
    public IList<string> Channels { get; } = new List<string>();

    /// <summary>How hard each commit is made durable. Default <see cref="Sdk.Durability.Full"/>.</summary>
    public Durability Durability { get; set; } = Durability.Full;

    /// <summary>
    /// How long a pull may wait at the endpoint for new changes (long poll), 0 to 60 seconds. Default 20 seconds.
    /// A withdrawal made elsewhere reaches this instance as soon as the endpoint has it, not after this wait.
    /// </summary>
    public TimeSpan PollWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The timeout of one HTTP try (a long poll gets <see cref="PollWait"/> on top). Default 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest pause between attempts while the endpoint is unreachable, and the circuit breaker's break. Default 10 seconds.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events per push, 1 to 500. Default 500.</summary>
    public int PushBatchSize { get; set; } = 500;

    /// <summary>How long closing the client may take to deliver the outbox and drain pending writes. Default 5 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The public key that signs the endpoint's checkpoints, as PEM (<c>-----BEGIN PUBLIC KEY-----</c>, ECDSA P-256):
    /// every checkpoint must be signed with it. <see langword="null"/> pins the first key the endpoint serves and
    /// logs its key id; from then on, a checkpoint signed with any other key stops the pull
    /// (<see cref="SyncState.HistoryRewritten"/>). Validated at open.
    /// </summary>
    public string? ServerPublicKey { get; set; }

    /// <summary>The clock for every time the SDK reads. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The data controller that receipts name in <c>pii_controllers</c>; <see langword="null"/> (the default) leaves
    /// the list empty. When set, its <see cref="DataController.Name"/> is required.
    /// </summary>
    public DataController? Controller { get; set; }

    /// <summary>
    /// The time zone whose calendar days reports count in, and whose calendar days, weeks (from Monday) and months
    /// frequency caps count in (a day with a daylight-saving change has 23 or 25 hours).
    /// Default <see cref="TimeZoneInfo.Utc"/>. From configuration, give its IANA or Windows id (<c>Cpm:TimeZone</c>,
    /// such as <c>Asia/Shanghai</c>).
    /// </summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>
    /// The jurisdiction of a person none of whose records carries one, such as <c>PIPL</c> for a service in mainland
    /// China; it picks each purpose's legal basis (<see cref="PurposeDefinition.Jurisdictions"/>). Default
    /// <see langword="null"/>: such a person gets each purpose's <see cref="PurposeDefinition.LegalBasis"/>.
    /// </summary>
    public string? DefaultJurisdiction { get; set; }

    /// <summary>
    /// The kinds of alias people can be addressed by (<see cref="IDataSubjectRights.LinkAsync"/>), such as
    /// <c>phone</c>, <c>email</c> or <c>openid</c>: lower-case identifiers. An alias of any other kind is refused at
    /// link time and resolves to no one. Default empty: no aliases.
    /// </summary>
    public IList<string> AliasKinds { get; } = new List<string>();

    /// <summary>
    /// Business caps on sends, whatever people chose, such as "sms: 4 per month" or "email, marketing.promotions: 1 per
    /// day"; <see cref="ISendGuard.ReserveAsync"/> applies every rule that matches a send, with the person's own cap.
    /// Periods are calendar periods in <see cref="TimeZone"/>. Default empty. Counts are per instance: several replicas
    /// each count their own sends.
    /// </summary>
    public IList<FrequencyRule> FrequencyRules { get; } = new List<FrequencyRule>();

    /// <summary>
    /// When <see cref="CpmAlert"/>s are raised: mass withdrawals, an outbox backlog, a stale pull. The defaults suit a
    /// service of moderate volume; see each property.
    /// </summary>
    public AlertOptions Alerts { get; } = new();

    /// <summary>A time zone id from configuration that names no zone on this machine; reported by validation.</summary>
    internal string? UnknownTimeZoneId { get; set; }

    /// <summary>
    /// Benchmark only: stores events without the audit log (no leaf hashing, no Merkle frontier, no
    /// <c>merkle_nodes</c>, no checkpoints), so the benchmarks can measure what the log costs beside a baseline. A
    /// store written so cannot be verified and gives no proofs. Nothing but the benchmarks may set it.
    /// </summary>
    internal bool WithoutAuditLogForBenchmarks { get; init; }
}
