using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Running;

/// <summary>One field of an expectation that the observation does not meet.</summary>
public sealed record Mismatch(string Field, string Expected, string Observed);

/// <summary>Compares expectations with observations; pure, so the rules can be tested without a world.</summary>
public static class ExpectationMatcher
{
    /// <summary>Returns the fields of the expectation that the observation does not meet; empty when it matches.</summary>
    public static IReadOnlyList<Mismatch> Match(ExpectStep expectation, UserObservation observation)
    {
        var mismatches = new List<Mismatch>();
        if (expectation.Teams is { } teams && !SameValue(teams, observation.TeamsAvailability))
        {
            mismatches.Add(new Mismatch("teams", teams, observation.TeamsAvailability));
        }

        if (expectation.Activity is { } activity && !SameValue(activity, observation.TeamsActivity))
        {
            mismatches.Add(new Mismatch("activity", activity, observation.TeamsActivity));
        }

        if (expectation.CloudLink is { } cloudLink && cloudLink != observation.CloudLink)
        {
            mismatches.Add(new Mismatch("cloudLink", cloudLink.ToString(), observation.CloudLink.ToString()));
        }

        if (expectation.AppSession is { } appSession && !AppSessionMatches(appSession, observation.AppSession))
        {
            mismatches.Add(new Mismatch("appSession", appSession.ToString(), observation.AppSession?.ToString() ?? "none"));
        }

        return mismatches;
    }

    /// <summary>Whether the core reports a diagnostic of the expected kind for the user.</summary>
    public static bool Match(ExpectDiagnosticStep expectation, UserObservation observation) =>
        observation.DiagnosticKinds.Any(kind => SameValue(kind, expectation.DiagnosticKind));

    /// <summary>Returns the expected fields as 'teams=Busy cloudLink=Busy', in a fixed order.</summary>
    public static string DescribeExpected(ExpectStep expectation)
    {
        var parts = new List<string>();
        if (expectation.Teams is { } teams)
        {
            parts.Add($"teams={teams}");
        }

        if (expectation.Activity is { } activity)
        {
            parts.Add($"activity={activity}");
        }

        if (expectation.CloudLink is { } cloudLink)
        {
            parts.Add($"cloudLink={cloudLink}");
        }

        if (expectation.AppSession is { } appSession)
        {
            parts.Add($"appSession={appSession}");
        }

        return string.Join(" ", parts);
    }

    /// <summary>Returns every observed field as 'teams=Available activity=Available cloudLink=Available appSession=none'.</summary>
    public static string DescribeObserved(UserObservation observation)
    {
        var diagnostics = observation.DiagnosticKinds.Count == 0 ? "none" : string.Join(",", observation.DiagnosticKinds);
        return $"teams={observation.TeamsAvailability} activity={observation.TeamsActivity} cloudLink={observation.CloudLink} "
            + $"appSession={observation.AppSession?.ToString() ?? "none"} diagnostics={diagnostics}";
    }

    private static bool AppSessionMatches(AppSessionExpectation expected, AppSessionPresence? observed)
    {
        if (expected.IsNone || observed is null)
        {
            return expected.IsNone && observed is null;
        }

        return SameValue(expected.Availability!, observed.Availability) && SameValue(expected.Activity!, observed.Activity);
    }

    private static bool SameValue(string expected, string observed) => string.Equals(expected, observed, StringComparison.OrdinalIgnoreCase);
}
