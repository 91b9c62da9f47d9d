using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Store;

/// <summary>
/// Any legal file name works as <see cref="CpmOptions.DatabasePath"/>: created, written, closed and reopened, both
/// through the read-only inspection of a cleanly closed file and through recovery of a file whose write-ahead log
/// still holds the last commits, with every decision intact.
/// </summary>
public sealed class FileNameTests
{
    public static TheoryData<string> Names()
    {
        string[] corpus =
        [
            "%41.db", "100%.db", "%.db", "%%41%zz", "a#b.db", "what?.db", "q?immutable=0#x.db", "with space.db",
            "o'brien.db", "semi;colon.db", "key=value.db", "Data Source=x;Mode=Memory.db", "\"quoted\".db",
            "同意书-用户.db", "🍪 consent 🍪.db", "file:cpm.db", "%41#?;='\" 同意🍪.db",
        ];
        var names = new TheoryData<string>();
        foreach (string name in corpus.Where(n => n.IndexOfAny(Path.GetInvalidFileNameChars()) < 0))
        {
            names.Add(name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_store_with_this_name_is_created_written_closed_and_reopened(string name)
    {
        using var temp = new TempStore();
        string path = StorePath(temp, name);
        CpmOptions options = temp.Options(configure: o => o.DatabasePath = path);

        await using (CpmClient cpm = await CpmClient.OpenAsync(options))
        {
            await RecordDecisions(cpm);
        }

        File.Exists(path + "-wal").Should().BeFalse("a clean close leaves no write-ahead log, so reopening inspects the file read-only");
        await using (CpmClient reopened = await CpmClient.OpenAsync(options))
        {
            await AssertDecisions(reopened);
        }

        Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName)
            .Should().BeEquivalentTo([name, name + ".lock"], "nothing is created beside the store but its lock file");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_store_with_this_name_is_recovered_from_its_write_ahead_log(string name)
    {
        using var temp = new TempStore();
        string original = StorePath(temp, name);
        string copy = Path.Combine(temp.Directory, "copy", Path.GetFileName(Path.GetDirectoryName(original))!, name);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);

        await using (CpmClient cpm = await CpmClient.OpenAsync(temp.Options(configure: o => o.DatabasePath = original)))
        {
            await RecordDecisions(cpm);

            // What a crash leaves: the database and a write-ahead log holding the commits not yet checkpointed.
            new FileInfo(original + "-wal").Length.Should().BeGreaterThan(0);
            File.Copy(original, copy);
            File.Copy(original + "-wal", copy + "-wal");
        }

        await using CpmClient recovered = await CpmClient.OpenAsync(temp.Options(configure: o => o.DatabasePath = copy));
        await AssertDecisions(recovered);
    }

    private static string StorePath(TempStore temp, string name)
    {
        // The folder gets an awkward name too: the whole path goes into connection strings and URIs.
        string folder = Path.Combine(temp.Directory, OperatingSystem.IsWindows() ? "dir %41 #; 同意 🍪" : "dir %41 #?; 同意 🍪");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    private static async Task RecordDecisions(CpmClient cpm)
    {
        await cpm.RecordAsync(new ConsentCapture("granted-用户", "marketing", "sms", ConsentChoice.Granted));
        await cpm.RecordAsync(new ConsentCapture("withdrawn-🍪", "marketing", "*", ConsentChoice.Granted));
        await cpm.RecordAsync(new ConsentCapture("withdrawn-🍪", "marketing", "*", ConsentChoice.Withdrawn));
    }

    private static async Task AssertDecisions(CpmClient cpm)
    {
        cpm.CanUse("granted-用户", "marketing", "sms").Should().BeTrue();
        cpm.Evaluate("withdrawn-🍪", "marketing", "email").Reason.Should().Be(DecisionReason.Withdrawn);
        (await cpm.GetHistoryAsync("withdrawn-🍪")).Should().HaveCount(2);
        cpm.Status.OutboxDepth.Should().Be(3);
    }
}
