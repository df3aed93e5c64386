using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

public class HistoryExpectationTests
{
    [Fact]
    public void ExpectHistory_with_every_record_key()
    {
        var step = Assert.IsType<ExpectHistoryStep>(ScenarioYaml.SingleStep("""
            expectHistory:
                  user: alice
                  count: 2
                  within: 10s
                  records:
                    - direction: incoming
                      outcome: transferredIn
                      number: "0033123456789"
                      e164: "+33 1 23 45 67 89"
                      name: Paul Durand
                      nameSource: directory
                      internal: false
                      duration: 1m 30s
                      tolerance: 2s
                    - {}
            """));

        Assert.Equal("alice", step.User);
        Assert.Equal(2, step.Count);
        Assert.Equal(TimeSpan.FromSeconds(10), step.Within);
        Assert.Equal(2, step.Records!.Count);
        var first = step.Records[0];
        Assert.Equal(new SourceLocation("test.yaml", 15, 11), first.Location);
        Assert.Equal(HistoryDirection.Incoming, first.Direction);
        Assert.Equal(HistoryOutcome.TransferredIn, first.Outcome);
        Assert.Equal("0033123456789", first.Number);
        Assert.Equal("+33123456789", first.E164);
        Assert.Equal("Paul Durand", first.Name);
        Assert.Equal(HistoryNameSource.Directory, first.NameSource);
        Assert.False(first.Internal);
        Assert.Equal(TimeSpan.FromSeconds(90), first.Duration);
        Assert.Equal(TimeSpan.FromSeconds(2), first.Tolerance);
        Assert.Equal(
            new HistoryRecordExpectation(new SourceLocation("test.yaml", 24, 11), null, null, null, null, null, null, null, null, HistoryRecordExpectation.DefaultTolerance),
            step.Records[1]);
    }

    [Fact]
    public void ExpectHistory_count_only_defaults_within()
    {
        var step = Assert.IsType<ExpectHistoryStep>(ScenarioYaml.SingleStep("expectHistory: { user: bob, count: 0 }"));

        Assert.Equal(0, step.Count);
        Assert.Null(step.Records);
        Assert.Equal(ExpectStep.DefaultWithin, step.Within);
    }

    [Fact]
    public void ExpectHistory_none_values()
    {
        var step = Assert.IsType<ExpectHistoryStep>(ScenarioYaml.SingleStep(
            "expectHistory: { user: bob, records: [ { number: none, e164: None, name: none, nameSource: none, outcome: missed } ] }"));

        var record = Assert.Single(step.Records!);
        Assert.Null(step.Count);
        Assert.Equal(HistoryRecordExpectation.Absent, record.Number);
        Assert.Equal(HistoryRecordExpectation.Absent, record.E164);
        Assert.Equal(HistoryRecordExpectation.Absent, record.Name);
        Assert.Equal(HistoryNameSource.None, record.NameSource);
        Assert.Equal(HistoryOutcome.Missed, record.Outcome);
    }

    [Fact]
    public void ExpectHistory_without_count_or_records()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectHistory: { user: alice, within: 5s }\n");

        Assert.Equal("test.yaml:10:20: steps[0].expectHistory: nothing to expect. Add count, records or both.", error);
    }

    [Fact]
    public void ExpectHistory_count_disagrees_with_records()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectHistory: { user: alice, count: 3, records: [{}, {}] }\n");

        Assert.Equal("test.yaml:10:42: steps[0].expectHistory.count: count is 3 but records lists 2. Make them agree, or leave count out.", error);
    }

    [Fact]
    public void ExpectHistory_negative_count()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectHistory: { user: alice, count: -1 }\n");

        Assert.Equal("test.yaml:10:42: steps[0].expectHistory.count: invalid value '-1'. Use a whole number of at least 0.", error);
    }

    [Fact]
    public void ExpectHistory_within_zero()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectHistory: { user: alice, count: 1, within: 0ms }\n");

        Assert.Equal("test.yaml:10:53: steps[0].expectHistory.within: the duration '0ms' is zero. Use a duration greater than zero, such as 5s.", error);
    }

    [Fact]
    public void Record_unknown_outcome()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectHistory: { user: alice, records: [ { outcome: transferedAway } ] }\n");

        Assert.Equal(
            "test.yaml:10:57: steps[0].expectHistory.records[0].outcome: invalid value 'transferedAway'. Did you mean 'transferredAway'? "
            + "Allowed values: answered, missed, rejected, failed, forwarded, transferredAway, transferredIn.",
            error);
    }

    [Fact]
    public void Record_unknown_key()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectHistory: { user: alice, records: [ { durtion: 5s } ] }\n");

        Assert.Equal(
            "test.yaml:10:48: steps[0].expectHistory.records[0]: unknown key 'durtion'. Did you mean 'duration'? "
            + "Known keys: direction, outcome, number, e164, name, nameSource, internal, duration, tolerance.",
            error);
    }

    [Fact]
    public void Record_invalid_e164()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectHistory: { user: alice, records: [ { e164: \"0123456789\" } ] }\n");

        Assert.Equal(
            "test.yaml:10:54: steps[0].expectHistory.records[0].e164: invalid E.164 number '0123456789'. "
            + "Write '+' and 1 to 15 digits such as \"+33123456789\", or none for a record without one.",
            error);
    }

    [Fact]
    public void Record_tolerance_without_duration()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectHistory: { user: alice, records: [ { outcome: answered, tolerance: 2s } ] }\n");

        Assert.Equal(
            "test.yaml:10:67: steps[0].expectHistory.records[0].tolerance: 'tolerance' applies only with 'duration'. Add duration or remove tolerance.",
            error);
    }

    [Fact]
    public void Record_not_a_mapping()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectHistory: { user: alice, records: [ missed ] }\n");

        Assert.Equal(
            "test.yaml:10:46: steps[0].expectHistory.records[0]: expected a mapping such as { direction: incoming, outcome: missed } or {}, found the value 'missed'.",
            error);
    }

    [Fact]
    public void ExpectSpeedDials_both_lists()
    {
        var step = Assert.IsType<ExpectSpeedDialsStep>(ScenarioYaml.SingleStep(
            "expectSpeedDials: { user: alice, available: [Paul Durand, Anna Meier], notAvailable: [Dr Martin], within: 2s }"));

        Assert.Equal("alice", step.User);
        Assert.Equal(["Paul Durand", "Anna Meier"], step.Available);
        Assert.Equal(["Dr Martin"], step.NotAvailable);
        Assert.Equal(TimeSpan.FromSeconds(2), step.Within);
    }

    [Fact]
    public void ExpectSpeedDials_one_list_defaults_other()
    {
        var step = Assert.IsType<ExpectSpeedDialsStep>(ScenarioYaml.SingleStep("expectSpeedDials: { user: alice, notAvailable: [] }"));

        Assert.Empty(step.Available);
        Assert.Empty(step.NotAvailable);
        Assert.Equal(ExpectStep.DefaultWithin, step.Within);
    }

    [Fact]
    public void ExpectSpeedDials_without_lists()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectSpeedDials: { user: alice }\n");

        Assert.Equal(
            "test.yaml:10:23: steps[0].expectSpeedDials: nothing to expect. Add available, notAvailable or both, each a list of contact names.",
            error);
    }

    [Fact]
    public void ExpectSpeedDials_name_in_both_lists()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectSpeedDials: { user: alice, available: [Dr Martin], notAvailable: [dr martin] }\n");

        Assert.Equal(
            "test.yaml:10:77: steps[0].expectSpeedDials.notAvailable[0]: 'dr martin' is also listed in available (line 10). A speed dial is either available or not available.",
            error);
    }

    [Fact]
    public void ExpectSpeedDials_name_twice()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectSpeedDials: { user: alice, available: [Anna, Anna] }\n");

        Assert.Equal("test.yaml:10:56: steps[0].expectSpeedDials.available[1]: 'Anna' is listed twice (first at line 10). List each speed dial once.", error);
    }
}
