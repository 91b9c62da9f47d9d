using Cpm.Sdk.Gate;
using Cpm.Sdk.Model.Validation;

namespace Cpm.Sdk.Rights;

/// <summary>
/// The checks on the arguments of links and erasures, and the events they record: shared by the client and the in-memory
/// test doubles (<c>Cpm.Sdk.Testing</c>), so both refuse the same input with the same exception.
/// </summary>
internal static class RightsArguments
{
    /// <summary>The touchpoint of the events a rights request records.</summary>
    public const string Source = "api";

    /// <summary>Throws naming <c>userId</c> when it is not a valid user id.</summary>
    public static void CheckUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (FieldRules.UserIdProblem(userId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(userId));
        }
    }

    /// <summary>The alias, normalised; throws naming <c>alias</c> when it is malformed or of a kind <paramref name="aliases"/> does not declare.</summary>
    public static string NormalizeAlias(string alias, AliasIndex aliases)
    {
        ArgumentNullException.ThrowIfNull(alias);
        string normalized = AliasNormalizer.Normalize(alias)
            ?? throw new ArgumentException(
                $"The alias must be kind:value with a non-empty value of at most {AliasNormalizer.MaxLength} characters and no control characters (a phone needs digits).",
                nameof(alias));
        if (!aliases.IsDeclared(normalized))
        {
            throw new ArgumentException(
                $"The alias kind '{AliasNormalizer.KindOf(normalized)}' is not declared in CpmOptions.AliasKinds.", nameof(alias));
        }

        return normalized;
    }

    /// <summary>Throws naming <c>userId</c> when the person was erased and has not come back with a new choice.</summary>
    public static void ThrowIfErased(string userId, ConsentIndex index, Tombstones tombstones)
    {
        if (!index.Contains(userId) && tombstones.TryGet(userId, out _))
        {
            throw new ArgumentException("The person was erased and has not come back with a new choice; an alias cannot be linked to them.", nameof(userId));
        }
    }

    /// <summary>The refusal of an erasure of a person about whom nothing is held.</summary>
    public static ArgumentException NothingHeld() =>
        new("Nothing is held about this user id (never seen, or already erased).", "userId");

    /// <summary>The record of a rights event at <paramref name="now"/> (whole milliseconds): a link, an unlink, an erasure, an access or an export.</summary>
    public static ConsentRecord NewRecord(EventKind kind, string userId, string? alias, DateTimeOffset now, string origin) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = kind,
        UserId = userId,
        Alias = alias,
        Purpose = "",
        Channel = "",
        Choice = kind == EventKind.Link ? ConsentChoice.Granted : ConsentChoice.Withdrawn,
        PolicyVersion = 0,
        Source = Source,
        OccurredAt = now,
        RecordedAt = now,
        Origin = origin,
    };

    /// <summary>The time of a rights event: now, in whole milliseconds.</summary>
    public static DateTimeOffset Now(TimeProvider clock) => DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
}
