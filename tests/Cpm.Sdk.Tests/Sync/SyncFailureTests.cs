using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Cpm.Sdk.Sync;
using Cpm.Sdk.Sync.Http;
using Microsoft.Data.Sqlite;
using Polly.CircuitBreaker;

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

    public static TheoryData<Exception> ExceptionsWithDataFreeMessages => new(
        new HttpRequestException("Connection refused (127.0.0.1:5000)"),
        new SocketException(111),
        new IOException("The response ended prematurely."),
        new TimeoutException("The operation has timed out."),
        new SqliteException("SQLite Error 5: 'database is locked'.", 5),
        new CpmStoreException("The store file is corrupt."),
        new JsonException("'<' is an invalid start of a value. Path: $ | LineNumber: 0"),
        new OperationCanceledException("The operation was canceled."),
        new ObjectDisposedException("SqliteConnection"));

    [Theory]
    [MemberData(nameof(ExceptionsWithDataFreeMessages))]
    public void Network_store_and_json_errors_keep_their_message_so_the_status_says_what_failed(Exception error)
    {
        SyncFailure failure = SyncFailure.From(error);

        failure.Message.Should().EndWith($"{error.GetType().Name}: {ServerText.Clean(error.Message)}");
        failure.InnerException.Should().BeSameAs(error);
    }

    [Fact]
    public void An_unreachable_endpoint_is_transient_and_named_so()
    {
        SyncFailure failure = SyncFailure.From(new HttpRequestException("Connection refused"));

        failure.Outcome.Should().Be(Outcome.Transient);
        failure.Message.Should().Be("endpoint unreachable: HttpRequestException: Connection refused");
    }

    [Fact]
    public void An_unknown_exception_is_an_internal_error_named_by_its_type()
    {
        SyncFailure failure = SyncFailure.From(new InvalidOperationException("user mei.lin@example.com"));

        failure.Outcome.Should().Be(Outcome.Internal);
        failure.Message.Should().Be("internal error: InvalidOperationException");
    }

    [Fact]
    public void An_open_circuit_after_error_answers_is_transient_and_names_the_last_status()
    {
        var open = new BrokenCircuitException<HttpResponseMessage>("open", new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        SyncFailure failure = SyncFailure.From(open);

        failure.Outcome.Should().Be(Outcome.Transient);
        failure.Message.Should().Be("endpoint unreachable, retries paused: last answer 503");
        failure.InnerException.Should().BeSameAs(open);
    }

    [Fact]
    public void An_open_circuit_after_network_errors_is_transient_and_names_the_cause()
    {
        var open = new BrokenCircuitException("open", new HttpRequestException("Connection refused"));

        SyncFailure failure = SyncFailure.From(open);

        failure.Outcome.Should().Be(Outcome.Transient);
        failure.Message.Should().Be("endpoint unreachable, retries paused: HttpRequestException: Connection refused");
    }

    [Fact]
    public void An_open_circuit_without_a_cause_is_still_transient()
    {
        SyncFailure failure = SyncFailure.From(new BrokenCircuitException("open"));

        failure.Outcome.Should().Be(Outcome.Transient);
        failure.Message.Should().Be("endpoint unreachable: BrokenCircuitException");
    }
}
