using Microsoft.Extensions.Time.Testing;
using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

/// <summary>
/// One fixed run for the reporter snapshots: a table scenario with a passing and a failing row, a
/// scenario whose world does not start and a passing plain scenario, on a fake wall clock.
/// </summary>
internal static class FakeRun
{
    private const string TableScenario = """
        scenario: Presence table
        users:
          - { name: alice, email: alice@contoso.com, device: "201" }
        table:
          columns: [phone, teams]
          rows:
            - [available, Available]
            - [busy, Busy]
          steps:
            - teamsClient: { user: alice, state: active }
            - phone: { user: alice, state: "${phone}" }
            - expect: { user: alice, teams: "${teams}", cloudLink: Busy, within: 1s }
        """;

    private const string BrokenWorldScenario = """
        scenario: Link drop
        users:
          - { name: alice, email: alice@contoso.com, device: "201" }
        steps:
          - linkDrop: {}
        """;

    private const string PlainScenario = """
        scenario: Long call
        users:
          - { name: alice, email: alice@contoso.com, device: "201" }
        steps:
          - phone: { user: alice, state: busy }
          - expect: { user: alice, teams: Busy, holds: 2h }
        """;

    public static async Task<(RunResult Result, string Console)> RunAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 30, 0, TimeSpan.Zero));
        var scenarios = new[]
        {
            Load(TableScenario, "scenarios/presence/table.yaml"),
            Load(BrokenWorldScenario, "scenarios/faults/link-drop.yaml"),
            Load(PlainScenario, "scenarios/presence/long-call.yaml"),
        };
        var factory = new ScriptedWorldFactory(scenario => scenario.Name == "Link drop"
            ? throw new InvalidOperationException("the PBX simulator could not listen on 127.0.0.1:7001")
            : new ScriptedWorld(Observe, clock)
            {
                Diagnostics = scenario.Name == "Long call"
                    ? ["UserNotMatched bob@contoso.com: bob@contoso.com is not matched in Entra: no user has it as userPrincipalName or mail."]
                    : [],
            });
        var console = new StringWriter { NewLine = "\n" };
        var capture = new RecordingSink();
        var runner = new ScenarioRunner(factory, [new Harness.Reporting.ConsoleReporter(console, rich: false), capture], clock);

        var result = await runner.RunAsync(scenarios, CancellationToken.None);
        return (result, console.ToString());
    }

    // alice always looks Busy, so the table's available row fails and every other case passes.
    private static UserObservation Observe(TimeSpan time, string user) =>
        new(user, "Busy", "InACall", new AppSessionPresence("Busy", "InACall"), CloudLinkPresence.Busy, []);

    private static ScenarioDefinition Load(string text, string file)
    {
        var result = ScenarioLoader.LoadText(text, file);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Scenario!;
    }
}
