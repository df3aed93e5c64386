using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

public class TableExpansionTests
{
    private const string Table = """
        scenario: Table
        users:
          - { name: alice, email: alice@contoso.com, device: "201" }
        setup:
          - teamsClient: { user: alice, state: active }
        table:
          columns: [phone, teams]
          rows:
            - [available, Available]
            - [busy, Busy]
          steps:
            - phone: { user: alice, state: "${phone}" }
            - expect: { user: alice, teams: "${teams}", within: 5s }
        """;

    [Fact]
    public void Each_row_becomes_a_case()
    {
        var result = ScenarioYaml.Load(Table);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var scenario = result.Scenario!;
        Assert.True(scenario.IsTable);
        Assert.Equal(["phone", "teams"], scenario.TableColumns);
        Assert.Equal(["row 1: phone=available, teams=Available", "row 2: phone=busy, teams=Busy"], scenario.Cases.Select(item => item.Name));
        Assert.Equal([1, 2], scenario.Cases.Select(item => item.RowNumber));
        Assert.Equal(10, scenario.Cases[1].Location.Line);
    }

    [Fact]
    public void Cells_are_substituted_into_steps()
    {
        var second = ScenarioYaml.Load(Table).Scenario!.Cases[1];

        Assert.Equal([new("phone", "busy"), new("teams", "Busy")], second.Row);
        Assert.Equal(PhoneState.Busy, Assert.IsType<PhoneStep>(second.Steps[0]).State);
        Assert.Equal("Busy", Assert.IsType<ExpectStep>(second.Steps[1]).Teams);
        Assert.Equal(12, second.Steps[0].Location.Line);
    }

    [Fact]
    public void Placeholder_inside_text_is_substituted()
    {
        var result = ScenarioYaml.Load(Table.Replace("\"${teams}\"", "\"Do${teams}\"", StringComparison.Ordinal).Replace("[busy, Busy]", "[busy, NotDisturb]", StringComparison.Ordinal)
            .Replace("[available, Available]", "[available, NotDisturb]", StringComparison.Ordinal));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.All(result.Scenario!.Cases, item => Assert.Equal("DoNotDisturb", Assert.IsType<ExpectStep>(item.Steps[1]).Teams));
    }

    [Fact]
    public void Bad_cell_points_at_row()
    {
        var result = ScenarioYaml.Load(Table.Replace("[busy, Busy]", "[bsy, Busy]", StringComparison.Ordinal));

        Assert.Equal(
            "test.yaml:10:8: table.steps[0].phone.state (table.rows[1] column 'phone'): invalid value 'bsy'. Did you mean 'busy'? Allowed values: available, busy.",
            Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Unknown_column_reported_once()
    {
        var result = ScenarioYaml.Load(Table.Replace("${teams}", "${team}", StringComparison.Ordinal));

        Assert.Equal("test.yaml:13:37: table.steps[1].expect.teams: '${team}' is not a column of the table. Columns: phone, teams.", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Row_with_wrong_cell_count()
    {
        var result = ScenarioYaml.Load(Table.Replace("[busy, Busy]", "[busy]", StringComparison.Ordinal));

        Assert.Equal(
            "test.yaml:10:7: table.rows[1]: the row has 1 cells but the table has 2 columns (phone, teams). Give one cell per column.",
            Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Template_mistake_reported_once()
    {
        var result = ScenarioYaml.Load(Table.Replace("within: 5s", "witin: 5s", StringComparison.Ordinal));

        Assert.Single(result.Errors);
        Assert.StartsWith("test.yaml:13:49: table.steps[1].expect: unknown key 'witin'. Did you mean 'within'?", result.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholder_outside_table_is_rejected()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - phone: { user: alice, state: \"${phone}\" }\n");

        Assert.Equal("test.yaml:10:34: steps[0].phone.state: '${phone}' holds a table placeholder, which only table.steps may use. Write the value itself.", error);
    }

    [Fact]
    public void Placeholders_in_expectHistory_record()
    {
        var result = ScenarioYaml.Load("""
            scenario: History table
            users:
              - { name: alice, email: alice@contoso.com, device: "201" }
            table:
              columns: [caller, outcome, name]
              rows:
                - ["+33123456789", missed, Paul Durand]
                - [withheld, rejected, none]
              steps:
                - incoming: { from: "${caller}", to: alice }
                - expectHistory: { user: alice, records: [ { outcome: "${outcome}", name: "${name}" } ] }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var cases = result.Scenario!.Cases;
        Assert.Equal("+33123456789", Assert.IsType<IncomingStep>(cases[0].Steps[0]).From);
        Assert.Null(Assert.IsType<IncomingStep>(cases[1].Steps[0]).From);
        var first = Assert.Single(Assert.IsType<ExpectHistoryStep>(cases[0].Steps[1]).Records!);
        var second = Assert.Single(Assert.IsType<ExpectHistoryStep>(cases[1].Steps[1]).Records!);
        Assert.Equal((HistoryOutcome.Missed, "Paul Durand"), (first.Outcome, first.Name));
        Assert.Equal((HistoryOutcome.Rejected, HistoryRecordExpectation.Absent), (second.Outcome, second.Name));
    }

    [Fact]
    public void Bad_cell_in_expectHistory_points_at_row()
    {
        var result = ScenarioYaml.Load("""
            scenario: History table
            users:
              - { name: alice, email: alice@contoso.com, device: "201" }
            table:
              columns: [outcome]
              rows:
                - [missed]
                - [mised]
              steps:
                - expectHistory: { user: alice, records: [ { outcome: "${outcome}" } ] }
            """);

        Assert.Equal(
            "test.yaml:8:8: table.steps[0].expectHistory.records[0].outcome (table.rows[1] column 'outcome'): invalid value 'mised'. "
            + "Did you mean 'missed'? Allowed values: answered, missed, rejected, failed, forwarded, transferredAway, transferredIn.",
            Assert.Single(result.Errors).ToString());
    }
}
