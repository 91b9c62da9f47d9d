namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>
/// The decision-table parity test: every scenario of <see cref="DecisionTable"/> runs against the real client (on a real
/// SQLite store, offline) and against the double, through its recorder and through its builder. All three must give
/// the table's answers, step by step (decisions, send decisions, refusals), and hold the same history.
/// </summary>
public sealed class DecisionTableParityTests
{
    [Theory]
    [MemberData(nameof(DecisionTable.Names), MemberType = typeof(DecisionTable))]
    public async Task The_real_client_and_the_double_give_the_table_s_answers(string name)
    {
        Scenario scenario = DecisionTable.All[name];
        List<string> expected = ScenarioRunner.Expected(scenario.Steps);

        await using RealSubject real = await RealSubject.OpenAsync(scenario.Configure);
        var (realOutcomes, realHistories) = await ScenarioRunner.RunAsync(real, scenario.Steps);
        var (recorderOutcomes, recorderHistories) = await ScenarioRunner.RunAsync(DoubleSubject.Create(scenario.Configure, viaBuilder: false), scenario.Steps);
        var (builderOutcomes, builderHistories) = await ScenarioRunner.RunAsync(DoubleSubject.Create(scenario.Configure, viaBuilder: true), scenario.Steps);

        realOutcomes.Should().Equal(expected, "the real client follows the rules of the table");
        recorderOutcomes.Should().Equal(realOutcomes, "the double, through its recorder, decides as the real client");
        builderOutcomes.Should().Equal(realOutcomes, "the double, through its builder, decides as the real client");
        recorderHistories.Should().Equal(realHistories, "the double holds the same history");
        builderHistories.Should().Equal(realHistories, "statements of the builder are the same records");
    }

    [Fact]
    public void The_table_covers_every_decision_reason()
    {
        var reasons = DecisionTable.All.Values
            .SelectMany(s => s.Steps)
            .Select(step => step switch
            {
                Step.Ask q when q.Expected.Refused is null => q.Expected.Reason,
                Step.AskAlias q => q.Expected.Reason,
                Step.Reserve q when q.Expected.Refused is null => q.Expected.Reason,
                _ => (DecisionReason?)null,
            })
            .OfType<DecisionReason>()
            .ToHashSet();

        reasons.Should().BeEquivalentTo(Enum.GetValues<DecisionReason>());
    }
}
