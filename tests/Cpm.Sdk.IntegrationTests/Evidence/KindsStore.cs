using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>
/// A real store holding every kind of event, written through <see cref="CpmClient"/> on a fake clock: choices, links, an
/// unlink, two erasures whose earlier events are scrubbed, a person who came back after hers, an access and a
/// portability request. Shared with the <c>cpm</c> tool's tests.
/// </summary>
internal sealed class KindsStore
{
    /// <summary>The fake clock's time when the store is first written: 2026-11-20 09:00 UTC.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Erased: one PIPL grant with evidence, one linked phone.</summary>
    public const string Alice = "alice-erased";
    public const string AlicePhone = "phone:+8613800000001";
    public const string AliceEvidence = "203.0.113.9-form-7";

    /// <summary>Kept: one GDPR grant, two links (the email later unlinked), an access and an export request.</summary>
    public const string Bob = "bob-kept";
    public const string BobEmail = "email:bob@example.com";
    public const string BobPhone = "phone:+8613800000002";

    /// <summary>Erased, then back with a grant on email made after the erasure.</summary>
    public const string Carol = "carol-came-back";

    private KindsStore(FakeTimeProvider clock) => Clock = clock;

    public FakeTimeProvider Clock { get; }

    public ConsentRecord AliceGrant { get; private set; } = null!;
    public ConsentRecord AliceLink { get; private set; } = null!;
    public ConsentRecord BobGrant { get; private set; } = null!;
    public ConsentRecord BobEmailLink { get; private set; } = null!;
    public ConsentRecord BobPhoneLink { get; private set; } = null!;
    public ConsentRecord CarolGrant { get; private set; } = null!;
    public ErasureReceipt AliceErasure { get; private set; } = null!;
    public ErasureReceipt CarolErasure { get; private set; } = null!;
    public ConsentRecord CarolBack { get; private set; } = null!;
    public ConsentRecord BobUnlink { get; private set; } = null!;

    /// <summary>The catalog of <see cref="TempStore.Options"/>, plus an opt-out purpose, and the alias kinds.</summary>
    public static void Configure(CpmOptions options)
    {
        options.AliasKinds.Add("phone");
        options.AliasKinds.Add("email");
        options.Purposes.Add(new PurposeDefinition { Id = "offers", LegalBasis = LegalBasis.OptOut });
    }

    /// <summary>The options a client or reader of the store opens with: the catalog, the alias kinds and the clock.</summary>
    public CpmOptions Options(TempStore store) => store.Options(Clock, Configure);

    /// <summary>
    /// Writes, in append order: Alice's grant and link, Bob's grant and two links, Carol's grant; a minute later the
    /// erasures of Alice and Carol; then Bob's access and export requests, Carol's new grant and the unlink of Bob's
    /// email, a minute apart. The client is closed when this returns.
    /// </summary>
    public static async Task<KindsStore> WriteAsync(TempStore store)
    {
        var kinds = new KindsStore(new FakeTimeProvider(T0));
        await using CpmClient cpm = await CpmClient.OpenAsync(kinds.Options(store));
        await kinds.WriteAsync(cpm);
        return kinds;
    }

    private async Task WriteAsync(CpmClient cpm)
    {
        AliceGrant = await cpm.RecordAsync(new ConsentCapture(Alice, "marketing", "sms", ConsentChoice.Granted)
        {
            OccurredAt = T0.AddHours(-2),
            Jurisdiction = "PIPL",
            Evidence = new Dictionary<string, string> { ["ip"] = AliceEvidence },
        });
        AliceLink = await cpm.LinkAsync(Alice, "phone:+86 138 0000 0001");
        BobGrant = await cpm.RecordAsync(new ConsentCapture(Bob, "marketing", "email", ConsentChoice.Granted)
        {
            OccurredAt = T0.AddMinutes(-30),
            Jurisdiction = "GDPR",
        });
        BobEmailLink = await cpm.LinkAsync(Bob, "email:Bob@Example.com");
        BobPhoneLink = await cpm.LinkAsync(Bob, BobPhone);
        CarolGrant = await cpm.RecordAsync(new ConsentCapture(Carol, "marketing", "sms", ConsentChoice.Granted) { OccurredAt = T0.AddHours(-1) });

        Clock.Advance(TimeSpan.FromMinutes(1));
        AliceErasure = await cpm.EraseAsync(Alice);
        CarolErasure = await cpm.EraseAsync(Carol);

        Clock.Advance(TimeSpan.FromMinutes(1));
        await cpm.AccessAsync(Bob);
        await cpm.ExportSubjectAsync(Bob, Stream.Null);

        Clock.Advance(TimeSpan.FromMinutes(1));
        CarolBack = await cpm.RecordAsync(new ConsentCapture(Carol, "marketing", "email", ConsentChoice.Granted));

        Clock.Advance(TimeSpan.FromMinutes(1));
        BobUnlink = await cpm.UnlinkAsync(BobEmail);
    }
}
