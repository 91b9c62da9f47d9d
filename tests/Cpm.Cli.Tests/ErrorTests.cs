using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Cli.Tests;

/// <summary>Clear errors and distinct exit codes for what a user gets wrong: a path, a file, a locked store, the command line.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData("verify")]
    [InlineData("export")]
    [InlineData("receipt", "--id", "0199d1a0-0000-7000-8000-000000000001")]
    [InlineData("report", "--from", "2026-11-01", "--to", "2026-11-02")]
    [InlineData("subject", "--user", "user-1")]
    public async Task A_missing_store_is_exit_3_naming_the_path_and_creates_nothing(string command, params string[] rest)
    {
        using var temp = new TempStore();
        string missing = Path.Combine(temp.Directory, "nope.db");

        CliResult result = await CliRun.InProcessAsync([command, "--db", missing, .. rest]);

        result.ExitCode.Should().Be(ExitCodes.Unreadable);
        result.Error.Should().Contain(missing).And.Contain("does not exist");
        Directory.GetFiles(temp.Directory).Should().BeEmpty("a reader never creates a store");
    }

    [Fact]
    public async Task A_folder_a_text_file_and_another_apps_database_are_refused_with_exit_3()
    {
        using var temp = new TempStore();
        string text = Path.Combine(temp.Directory, "notes.txt");
        await File.WriteAllTextAsync(text, new string('x', 5000));
        string other = Path.Combine(temp.Directory, "other.db");
        using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE t(x)";
            create.ExecuteNonQuery();
        }

        CliResult folder = await CliRun.InProcessAsync("verify", "--db", temp.Directory);
        CliResult notSqlite = await CliRun.InProcessAsync("verify", "--db", text);
        CliResult foreign = await CliRun.InProcessAsync("verify", "--db", other);

        folder.ExitCode.Should().Be(ExitCodes.Unreadable);
        folder.Error.Should().Contain("is a folder");
        notSqlite.ExitCode.Should().Be(ExitCodes.Unreadable);
        notSqlite.Error.Should().Contain("not a SQLite database");
        foreign.ExitCode.Should().Be(ExitCodes.Unreadable);
        foreign.Error.Should().Contain("another application");
    }

    [Fact]
    public async Task A_store_another_program_holds_locked_is_exit_3_saying_so()
    {
        using var store = new TempStore();
        await Stores.PopulateAsync(store);
        using var holder = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        holder.Open();
        using (SqliteCommand lockIt = holder.CreateCommand())
        {
            lockIt.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE meta SET value = value WHERE 0;";
            lockIt.ExecuteNonQuery();
        }

        CliResult result = await CliRun.InProcessAsync("verify", "--db", store.DatabasePath);

        result.ExitCode.Should().Be(ExitCodes.Unreadable);
        result.Error.Should().Contain("is locked by another program");
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("verify")]
    [InlineData("export", "--db", "x.db", "--format", "xml")]
    [InlineData("export", "--db", "x.db", "--from", "yesterday")]
    [InlineData("report", "--db", "x.db", "--from", "2026-11-01")]
    [InlineData("report", "--db", "x.db", "--from", "2026-11-01", "--to", "2026-11-02", "--time-zone", "Mars/Olympus")]
    [InlineData("receipt", "--db", "x.db", "--id", "not-a-guid")]
    [InlineData("verify-export")]
    public async Task A_malformed_command_line_is_exit_2_with_the_reason(params string[] args)
    {
        CliResult result = await CliRun.InProcessAsync(args);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("cpm --help");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task An_invalid_filter_value_is_exit_2_naming_it_and_nothing_is_written()
    {
        using var store = new TempStore();
        await Stores.PopulateAsync(store);
        string file = Path.Combine(store.Directory, "out.csv");

        CliResult result = await CliRun.InProcessAsync(
            "export", "--db", store.DatabasePath, "--from", "2026-11-05", "--to", "2026-11-01", "--output", file);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("From must not be after To");
        File.Exists(file).Should().BeFalse("the arguments are checked before the output is created");
    }
}
