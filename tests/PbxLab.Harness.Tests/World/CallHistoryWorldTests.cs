using Microsoft.Extensions.Logging.Abstractions;
using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;
using PbxLab.Harness.World;

namespace PbxLab.Harness.Tests.World;

/// <summary>
/// Runs call-history cases in a real world (PBX simulator, fake Graph and core on loopback) with
/// steps built in code, so the world is tested apart from the scenario reader.
/// </summary>
public class CallHistoryWorldTests
{
    private static readonly SourceLocation At = new("test.yaml", 1, 1);

    private static readonly UserDefinition Alice = new("alice", "alice@contoso.com", "201", true, true)
    {
        DisplayName = "Alice Martin",
        Contacts =
        [
            new ContactDefinition("Bernard Client", ["01 23 45 67 89"], [], null),
            new ContactDefinition("No Number", [], [], null),
        ],
    };

    private static readonly UserDefinition Bob = new("bob", "bob@contoso.com", "202", true, true) { DisplayName = "Bob Durand" };

    [Fact]
    public async Task Internal_call_names_Entra_users()
    {
        var result = await RunAsync(
            new CallStep(At, "alice", "bob", true),
            new AnswerStep(At, "bob"),
            new AdvanceStep(At, TimeSpan.FromMinutes(2)),
            new HangupStep(At, "alice"),
            History("alice", Record(HistoryDirection.Outgoing, HistoryOutcome.Answered, name: "Bob Durand", duration: TimeSpan.FromMinutes(2), isInternal: true)),
            History("bob", Record(HistoryDirection.Incoming, HistoryOutcome.Answered, name: "Alice Martin", duration: TimeSpan.FromMinutes(2), isInternal: true)));

        AssertPassed(result);
    }

    [Fact]
    public async Task External_call_named_from_contacts()
    {
        var result = await RunAsync(
            new IncomingStep(At, "+33123456789", "alice"),
            new AnswerStep(At, "alice"),
            new AdvanceStep(At, TimeSpan.FromSeconds(30)),
            new ExternalHangupStep(At, "alice"),
            History("alice", Record(HistoryDirection.Incoming, HistoryOutcome.Answered, name: "Bernard Client", e164: "+33123456789", duration: TimeSpan.FromSeconds(30))),
            new ExpectSpeedDialsStep(At, "alice", ["Bernard Client"], ["No Number"], TimeSpan.FromSeconds(5)));

        AssertPassed(result);
    }

    [Fact]
    public async Task Wrong_outcome_fails_the_case()
    {
        var result = await RunAsync(
            new IncomingStep(At, "+33123456789", "alice"),
            new RejectStep(At, "alice"),
            History("alice", Record(HistoryDirection.Incoming, HistoryOutcome.Answered)));

        var failed = Assert.Single(result.Scenarios[0].Cases);
        Assert.Equal(CaseOutcome.Failed, failed.Outcome);
        Assert.Contains("outcome was", failed.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Core_restart_keeps_one_record()
    {
        var result = await RunAsync(
            new CallStep(At, "alice", "bob", true),
            new AnswerStep(At, "bob"),
            new AdvanceStep(At, TimeSpan.FromMinutes(1)),
            new CoreRestartStep(At),
            new AdvanceStep(At, TimeSpan.FromMinutes(1)),
            new HangupStep(At, "bob"),
            History("alice", Record(HistoryDirection.Outgoing, HistoryOutcome.Answered, duration: TimeSpan.FromMinutes(2))),
            History("bob", Record(HistoryDirection.Incoming, HistoryOutcome.Answered, duration: TimeSpan.FromMinutes(2))));

        AssertPassed(result);
    }

    private static ExpectHistoryStep History(string user, params HistoryRecordExpectation[] records) =>
        new(At, user, null, records, TimeSpan.FromSeconds(5));

    private static HistoryRecordExpectation Record(
        HistoryDirection direction,
        HistoryOutcome outcome,
        string? name = null,
        string? e164 = null,
        TimeSpan? duration = null,
        bool? isInternal = null) =>
        new(At, direction, outcome, null, e164, name, null, isInternal, duration, TimeSpan.FromSeconds(2));

    private static async Task<RunResult> RunAsync(params ScenarioStep[] steps)
    {
        var scenarioCase = new ScenarioCase("case", 0, [], steps, At);
        var scenario = new ScenarioDefinition(
            "call history", null, "test.yaml", PbxSettings.Default, GraphSettings.Default, CoreSettings.Default, [Alice, Bob], [], [scenarioCase], []);
        var runner = new ScenarioRunner(new SimulatedWorldFactory(NullLoggerFactory.Instance), [], TimeProvider.System);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await runner.RunAsync([scenario], timeout.Token);
    }

    private static void AssertPassed(RunResult result)
    {
        var scenarioCase = Assert.Single(result.Scenarios[0].Cases);
        Assert.True(scenarioCase.Outcome == CaseOutcome.Passed, $"{scenarioCase.Failure?.Message}\nobserved: {scenarioCase.Failure?.Observed}\n{scenarioCase.ErrorMessage}\n"
            + string.Join("\n", scenarioCase.Failure?.Trail.Select(entry => $"{entry.Time} {entry.Source} {entry.Text}") ?? []));
    }
}
