using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Cpm.Sdk.AspNetCore.ConsentApi;

/// <summary>The body of <c>POST {prefix}/consents</c>: one or several choices, recorded all together or not at all.</summary>
internal sealed class CpmCaptureRequest
{
    [Required]
    [Description("1 to MaxCapturesPerRequest choices, recorded in one transaction: all of them or none.")]
    [JsonPropertyName("captures")]
    public List<CpmCaptureItem?>? Captures { get; set; }
}

/// <summary>One choice, as <see cref="ConsentCapture"/> holds it.</summary>
internal sealed class CpmCaptureItem
{
    [Description("The person: 1 to 256 characters. Left out (or the signed-in user's) when the API uses the signed-in user.")]
    [JsonPropertyName("userId")]
    public string? UserId { get; set; }

    [Required]
    [Description("A catalog purpose or a topic under one, e.g. marketing.promotions.")]
    [JsonPropertyName("purpose")]
    public string? Purpose { get; set; }

    [Required]
    [Description("A catalog channel, or * for every channel.")]
    [JsonPropertyName("channel")]
    public string? Channel { get; set; }

    [Required]
    [Description("granted, denied or withdrawn.")]
    [JsonPropertyName("choice")]
    public string? Choice { get; set; }

    [Description("The notice revision the person saw; at least 1, default 1.")]
    [JsonPropertyName("policyVersion")]
    public int? PolicyVersion { get; set; }

    [Description("The touchpoint (app, miniprogram, store, ...); default the API's configured source.")]
    [JsonPropertyName("source")]
    public string? Source { get; set; }

    [Description("When the person chose; default now. At most 5 minutes ahead of the server clock.")]
    [JsonPropertyName("occurredAt")]
    public DateTimeOffset? OccurredAt { get; set; }

    [JsonPropertyName("expiresAt")]
    public DateTimeOffset? ExpiresAt { get; set; }

    [Description("PIPL, GDPR, CCPA, ...")]
    [JsonPropertyName("jurisdiction")]
    public string? Jurisdiction { get; set; }

    [Description("true when the person agreed to this purpose alone (required for purposes that need separate consent).")]
    [JsonPropertyName("separate")]
    public bool? Separate { get; set; }

    [Description("With a grant only: at most maxSends a day, week or month.")]
    [JsonPropertyName("frequency")]
    public CpmFrequency? Frequency { get; set; }

    [Description("What proves the choice (form id, text hash, ...); the request's ip and userAgent are added unless given. At most 16 KiB as JSON.")]
    [JsonPropertyName("evidence")]
    public Dictionary<string, string>? Evidence { get; set; }
}

/// <summary>A frequency cap: <c>{"maxSends":1,"period":"week"}</c>.</summary>
internal sealed class CpmFrequency
{
    [JsonPropertyName("maxSends")]
    public int MaxSends { get; set; }

    [Description("day, week or month.")]
    [JsonPropertyName("period")]
    public string? Period { get; set; }
}

/// <summary>How answers spell times: as the wire protocol does.</summary>
internal static class ApiText
{
    public const string Timestamp = "RFC 3339 in UTC with milliseconds, e.g. 2026-11-22T10:00:00.123Z.";
}

/// <summary>The answer to a capture: the stored records, in the order of the request.</summary>
internal sealed record CpmRecordsResponse([property: JsonPropertyName("records")] IReadOnlyList<CpmRecord> Records);

/// <summary>One stored record (evidence left out: the caller sent it).</summary>
internal sealed record CpmRecord(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("purpose")] string Purpose,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("choice")] string Choice,
    [property: JsonPropertyName("policyVersion")] int PolicyVersion,
    [property: JsonPropertyName("source")] string Source,
    [property: Description(ApiText.Timestamp)][property: JsonPropertyName("occurredAt")] string OccurredAt,
    [property: Description(ApiText.Timestamp)][property: JsonPropertyName("recordedAt")] string RecordedAt,
    [property: Description(ApiText.Timestamp)][property: JsonPropertyName("expiresAt")] string? ExpiresAt,
    [property: JsonPropertyName("jurisdiction")] string? Jurisdiction,
    [property: JsonPropertyName("separate")] bool Separate,
    [property: JsonPropertyName("frequency")] CpmFrequency? Frequency);

/// <summary>The answer to <c>GET {prefix}/decisions</c>.</summary>
internal sealed record CpmDecisionsResponse(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("decisions")] IReadOnlyList<CpmDecision> Decisions);

/// <summary>The gate's answer for one purpose on one channel, with its reason.</summary>
internal sealed record CpmDecision(
    [property: JsonPropertyName("purpose")] string Purpose,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("allowed")] bool Allowed,
    [property: Description("granted, noConsent, denied, withdrawn, expired, policyOutdated, unknownPurpose, unknownChannel, noObjection, legalBasis, separateConsentRequired, erased.")]
    [property: JsonPropertyName("reason")] string Reason,
    [property: Description("The record that decided, if one did.")]
    [property: JsonPropertyName("recordId")] Guid? RecordId);

/// <summary>The body of <c>POST {prefix}/aliases</c>.</summary>
internal sealed class CpmLinkRequest
{
    [JsonPropertyName("userId")]
    public string? UserId { get; set; }

    [Required]
    [Description("kind:value with a declared kind, e.g. phone:+8613800000000; normalised before it is stored.")]
    [JsonPropertyName("alias")]
    public string? Alias { get; set; }
}

/// <summary>The answer to a link: the link event and the alias as stored (normalised).</summary>
internal sealed record CpmLinkResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("alias")] string Alias,
    [property: Description(ApiText.Timestamp)][property: JsonPropertyName("occurredAt")] string OccurredAt);
