using System.Text.Json;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>
/// <see cref="CpmEvidenceReader.GetSubjectAsync"/> and <see cref="CpmEvidenceReader.ExportSubjectAsync"/>: a person's data
/// read from the file, the same as the client's access and portability requests give, without recording anything.
/// </summary>
public sealed class SubjectReaderTests
{
    [Fact]
    public async Task A_reader_gives_what_access_and_export_give_and_records_nothing()
    {
        using var temp = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(temp);
        await using CpmClient cpm = await CpmClient.OpenAsync(kinds.Options(temp));
        await using CpmEvidenceReader reader = await CpmEvidenceReader.OpenAsync(temp.DatabasePath, kinds.Options(temp));
        long size = (await cpm.GetCheckpointAsync()).Size;

        SubjectData read = await reader.GetSubjectAsync(KindsStore.Bob);
        var readDocument = new MemoryStream();
        await reader.ExportSubjectAsync(KindsStore.Bob, readDocument);
        (await cpm.GetCheckpointAsync()).Size.Should().Be(size, "a reader records nothing");

        SubjectData served = await cpm.AccessAsync(KindsStore.Bob);
        var servedDocument = new MemoryStream();
        await cpm.ExportSubjectAsync(KindsStore.Bob, servedDocument);

        read.Should().BeEquivalentTo(served, o => o.WithStrictOrdering().Excluding(d => d.Records));
        read.Records.Should().Equal(served.Records, "the same records, oldest first");
        read.Records.Select(r => r.Kind).Should().Equal(
            EventKind.Consent, EventKind.Link, EventKind.Link, EventKind.Access, EventKind.Export, EventKind.Unlink);
        read.Aliases.Should().Equal(KindsStore.BobPhone);
        read.Jurisdiction.Should().Be("GDPR");
        read.Decisions.Should().Contain(new SubjectDecision("marketing", "email", new ConsentDecision(true, DecisionReason.Granted, kinds.BobGrant.Id)));

        // The access request above added one record to what the export then read, on the same clock.
        using JsonDocument fromReader = JsonDocument.Parse(readDocument.ToArray());
        using JsonDocument fromClient = JsonDocument.Parse(servedDocument.ToArray());
        fromClient.RootElement.GetProperty("records").GetArrayLength().Should().Be(read.Records.Count + 1);
        Without(fromClient.RootElement, "records").Should().Be(Without(fromReader.RootElement, "records"));
    }

    [Fact]
    public async Task An_erased_person_shows_the_erasure_and_no_data_and_an_unknown_one_is_not_found()
    {
        using var temp = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(temp);
        await using CpmEvidenceReader reader = await CpmEvidenceReader.OpenAsync(temp.DatabasePath, kinds.Options(temp));

        SubjectData alice = await reader.GetSubjectAsync(KindsStore.Alice);

        alice.ErasedAt.Should().Be(kinds.AliceErasure.ErasedAt);
        alice.Records.Should().ContainSingle().Which.Should().Match<ConsentRecord>(r => r.Kind == EventKind.Erasure && r.Id == kinds.AliceErasure.EventId);
        alice.Aliases.Should().BeEmpty();
        alice.Jurisdiction.Should().BeNull("her PIPL record was scrubbed with the rest");
        alice.Decisions.Single(d => d.Purpose == "marketing" && d.Channel == "sms").Decision.Reason.Should().Be(DecisionReason.Erased);
        alice.Decisions.Single(d => d.Purpose == "analytics" && d.Channel == "sms").Decision.Reason.Should().Be(DecisionReason.Erased);
        alice.Decisions.Single(d => d.Purpose == "order-status" && d.Channel == "sms").Decision.Should().Be(new ConsentDecision(true, DecisionReason.LegalBasis, null));

        SubjectData carol = await reader.GetSubjectAsync(KindsStore.Carol);
        carol.ErasedAt.Should().Be(kinds.CarolErasure.ErasedAt);
        carol.Records.Select(r => r.Id).Should().Equal(kinds.CarolErasure.EventId, kinds.CarolBack.Id);
        carol.Decisions.Single(d => d.Purpose == "marketing" && d.Channel == "email").Decision.Reason.Should().Be(DecisionReason.Granted);
        carol.Decisions.Single(d => d.Purpose == "marketing" && d.Channel == "sms").Decision.Reason.Should().Be(DecisionReason.Erased);

        await FluentActions.Awaiting(() => reader.GetSubjectAsync("nobody")).Should().ThrowAsync<KeyNotFoundException>();
        var untouched = new MemoryStream();
        await FluentActions.Awaiting(() => reader.ExportSubjectAsync("nobody", untouched)).Should().ThrowAsync<KeyNotFoundException>();
        untouched.Length.Should().Be(0, "nothing is written for a person the store does not know");
        await FluentActions.Awaiting(() => reader.GetSubjectAsync(" ")).Should().ThrowAsync<ArgumentException>().WithParameterName("userId");
        await FluentActions.Awaiting(() => reader.GetSubjectAsync(null!)).Should().ThrowAsync<ArgumentNullException>().WithParameterName("userId");
        await FluentActions.Awaiting(() => reader.ExportSubjectAsync(KindsStore.Bob, new MemoryStream([], writable: false)))
            .Should().ThrowAsync<ArgumentException>().WithParameterName("destination");
    }

    /// <summary>The JSON text of an object without one member.</summary>
    private static string Without(JsonElement root, string member) =>
        JsonSerializer.Serialize(root.EnumerateObject().Where(p => p.Name != member).ToDictionary(p => p.Name, p => p.Value));
}
