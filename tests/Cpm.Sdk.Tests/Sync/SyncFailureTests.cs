using System.Net.Sockets;
using Cpm.Sdk.Sync;
using Cpm.Sdk.Sync.Http;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Tests.Sync;

public sealed class SyncFailureTests
{
    [Fact]
    public void Every_exception_is_classified_and_an_unknown_one_is_an_internal_fault()
    {
        SyncFailure.From(new HttpRequestException("refused", new SocketException(111))).Outcome.Should().Be(Outcome.Transient);
        SyncFailure.From(new SqliteException("no such table: outbox", 1)).Should().Match<SyncFailure>(
            f => f.Outcome == Outcome.Internal && f.Message.Contains("no such table: outbox"));
        SyncFailure.From(new OverflowException()).Outcome.Should().Be(Outcome.Internal);
        var known = new SyncFailure(Outcome.Protocol, "p");
        SyncFailure.From(known).Should().BeSameAs(known);
    }

    [Fact]
    public void The_message_of_an_exception_that_might_carry_record_data_is_left_out()
    {
        SyncFailure failure = SyncFailure.From(new KeyNotFoundException("The given key 'mei.lin@example.com' was not present in the dictionary."));

        failure.Message.Should().Be("internal error: KeyNotFoundException");
    }

    [Fact]
    public void Messages_are_sanitised_and_bounded()
    {
        var failure = new SyncFailure(Outcome.Permanent, "push failed: 400: line\r\nbreak " + new string('x', 500));

        failure.Message.Should().NotContain("\n").And.HaveLength(ServerText.MaxLength);
    }
}
