namespace Cpm.Sdk;

/// <summary>A choice to record: who chose what, for which purpose, on which channel.</summary>
/// <param name="UserId">The person, 1 to 256 characters, not whitespace only, no control characters.</param>
/// <param name="Purpose">A purpose id from the catalog.</param>
/// <param name="Channel">A channel id from the catalog, or <c>*</c> for every channel.</param>
/// <param name="Choice">What the person chose.</param>
public sealed record ConsentCapture(string UserId, string Purpose, string Channel, ConsentChoice Choice)
{
    /// <summary>The notice revision the person saw. At least 1; default 1.</summary>
    public int PolicyVersion { get; init; } = 1;

    /// <summary>The touchpoint: web, app, miniprogram, store, ... Default <c>api</c>.</summary>
    public string Source { get; init; } = "api";

    /// <summary>
    /// When the person chose; default now. Truncated to whole milliseconds. At most 5 minutes ahead of the
    /// instance's clock (more is refused), and a time ahead of the clock is clamped to the capture time, so a
    /// capture never orders after a later one.
    /// </summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>When the consent lapses, if it does; must be after <see cref="OccurredAt"/>.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// The law the capture was made under: PIPL, GDPR, CCPA, ... The latest record of a person that carries one sets
    /// the person's jurisdiction, which picks each purpose's legal basis (<see cref="PurposeDefinition.Jurisdictions"/>).
    /// </summary>
    public string? Jurisdiction { get; init; }

    /// <summary>
    /// Whether the person agreed to this purpose alone, not bundled with others: required for a grant of a purpose
    /// with <see cref="PurposeDefinition.RequiresSeparateConsent"/>. Never required to deny or withdraw.
    /// </summary>
    public bool Separate { get; init; }

    /// <summary>
    /// How often the person agreed to be contacted, as part of a grant ("at most once a week by SMS"); only a grant
    /// carries one. <see cref="ISendGuard.ReserveAsync"/> enforces the cap of the grant that decides a send. Default
    /// <see langword="null"/>: no cap of the person's own.
    /// </summary>
    public FrequencyCap? Frequency { get; init; }

    /// <summary>Proof of the capture (ip, user agent, form id, text hash, ...); at most 16 KiB as JSON.</summary>
    public IReadOnlyDictionary<string, string>? Evidence { get; init; }
}
