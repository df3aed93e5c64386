using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

public class ExpectationMatcherTests
{
    private static readonly SourceLocation Somewhere = new("test.yaml", 1, 1);

    private static ExpectStep Expect(string? teams = null, string? activity = null, CloudLinkPresence? cloudLink = null, AppSessionExpectation? appSession = null) =>
        new(Somewhere, "alice", teams, activity, cloudLink, appSession, ExpectMode.Within, TimeSpan.FromSeconds(5));

    private static UserObservation Observed(AppSessionPresence? appSession = null) =>
        new("alice", "Busy", "InACall", appSession, CloudLinkPresence.Busy, ["UserNotMatched"]);

    [Fact]
    public void Matches_set_fields_only()
    {
        Assert.Empty(ExpectationMatcher.Match(Expect(teams: "Busy"), Observed()));
        Assert.Empty(ExpectationMatcher.Match(Expect(teams: "busy", activity: "inacall", cloudLink: CloudLinkPresence.Busy), Observed()));
    }

    [Fact]
    public void Lists_each_mismatched_field()
    {
        var mismatches = ExpectationMatcher.Match(Expect(teams: "Away", activity: "InACall", cloudLink: CloudLinkPresence.Away), Observed());

        Assert.Equal([new Mismatch("teams", "Away", "Busy"), new Mismatch("cloudLink", "Away", "Busy")], mismatches);
    }

    [Fact]
    public void App_session_none()
    {
        Assert.Empty(ExpectationMatcher.Match(Expect(appSession: AppSessionExpectation.None), Observed()));
        Assert.Equal(
            [new Mismatch("appSession", "none", "Busy/InACall")],
            ExpectationMatcher.Match(Expect(appSession: AppSessionExpectation.None), Observed(new AppSessionPresence("Busy", "InACall"))));
    }

    [Fact]
    public void App_session_pair()
    {
        var expected = Expect(appSession: new AppSessionExpectation("Busy", "InACall"));

        Assert.Empty(ExpectationMatcher.Match(expected, Observed(new AppSessionPresence("Busy", "InACall"))));
        Assert.Equal([new Mismatch("appSession", "Busy/InACall", "none")], ExpectationMatcher.Match(expected, Observed()));
        Assert.Equal(
            [new Mismatch("appSession", "Busy/InACall", "Busy/InAConferenceCall")],
            ExpectationMatcher.Match(expected, Observed(new AppSessionPresence("Busy", "InAConferenceCall"))));
    }

    [Fact]
    public void Diagnostic_kind()
    {
        Assert.True(ExpectationMatcher.Match(new ExpectDiagnosticStep(Somewhere, "alice", "UserNotMatched", TimeSpan.FromSeconds(5)), Observed()));
        Assert.False(ExpectationMatcher.Match(new ExpectDiagnosticStep(Somewhere, "alice", "RoleMissing", TimeSpan.FromSeconds(5)), Observed()));
    }

    [Fact]
    public void Describes_expected_and_observed()
    {
        var expected = Expect(teams: "Busy", cloudLink: CloudLinkPresence.Busy, appSession: AppSessionExpectation.None);

        Assert.Equal("teams=Busy cloudLink=Busy appSession=none", ExpectationMatcher.DescribeExpected(expected));
        Assert.Equal(
            "teams=Busy activity=InACall cloudLink=Busy appSession=Busy/InACall diagnostics=UserNotMatched",
            ExpectationMatcher.DescribeObserved(Observed(new AppSessionPresence("Busy", "InACall"))));
    }
}
