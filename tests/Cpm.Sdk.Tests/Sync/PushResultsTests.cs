using Cpm.Sdk.Protocol;
using Cpm.Sdk.Sync;

namespace Cpm.Sdk.Tests.Sync;

public sealed class PushResultsTests
{
    private static readonly string[] Ids = ["01a20815-a0c6-73bd-b055-bf9658970fc1", "01a20815-a0c6-73bd-b055-bf9658970fc2", "01a20815-a0c6-73bd-b055-bf9658970fc3"];

    private static readonly Dictionary<string, (Func<List<PushResult>> Results, string Problem)> Cases = new()
    {
        ["no results"] = (() => null!, "no results"),
        ["fewer results"] = (() => [Result(0), Result(1)], "2 results for 3 events"),
        ["an id twice"] = (() => [Result(0), Result(0), Result(1)], "twice"),
        ["an unknown id"] = (() => [Result(0), Result(1), new PushResult { Id = "01a20815-a0c6-73bd-b055-000000000000", Status = "accepted" }], "not pushed"),
        ["no id"] = (() => [Result(0), new PushResult { Status = "accepted" }, Result(2)], "has no id"),
        ["out of order"] = (() => [Result(1), Result(0), Result(2)], "not in request order"),
        ["unknown status"] = (() => [Result(0), Result(1), new PushResult { Id = Ids[2], Status = "queued\n" }], "unknown status 'queued'"),
        ["null result"] = (() => [Result(0), null!, Result(2)], "has no id"),
    };

    public static TheoryData<string> BadAnswers => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public void An_answer_that_breaks_the_protocol_is_named(string name)
    {
        (Func<List<PushResult>> results, string problem) = Cases[name];

        PushResults.Problem(Ids, new PushResponse { Results = results() }).Should().Contain(problem);
    }

    [Fact]
    public void One_known_result_per_event_in_request_order_is_valid()
    {
        var body = new PushResponse
        {
            Results = [Result(0), Result(1, PushResult.Duplicate), Result(2, PushResult.Rejected)],
        };

        PushResults.Problem(Ids, body).Should().BeNull();
    }

    private static PushResult Result(int index, string status = PushResult.Accepted) => new() { Id = Ids[index], Status = status };
}
