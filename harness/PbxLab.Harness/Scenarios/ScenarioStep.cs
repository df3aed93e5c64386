using PbxLab.Harness.Running;

namespace PbxLab.Harness.Scenarios;

/// <summary>
/// One step of a scenario. Kind is the step's YAML key; Location points at that key in the file.
/// </summary>
public abstract record ScenarioStep(SourceLocation Location)
{
    /// <summary>The YAML key of the step kind, such as call or expect.</summary>
    public abstract string Kind { get; }

    /// <summary>Returns the step as one line for reports, in the scenario file's words.</summary>
    public abstract string Describe();
}

/// <summary>From dials To, a user name or an external number.</summary>
public sealed record CallStep(SourceLocation Location, string From, string To, bool ToIsUser) : ScenarioStep(Location)
{
    public override string Kind => "call";

    public override string Describe() => $"call {From} -> {To}";
}

/// <summary>The user answers the call ringing at their device.</summary>
public sealed record AnswerStep(SourceLocation Location, string User) : ScenarioStep(Location)
{
    public override string Kind => "answer";

    public override string Describe() => $"answer {User}";
}

/// <summary>The user hangs up their call.</summary>
public sealed record HangupStep(SourceLocation Location, string User) : ScenarioStep(Location)
{
    public override string Kind => "hangup";

    public override string Describe() => $"hangup {User}";
}

/// <summary>Puts the user's line in a state: busy is an answered call with a helper device, available clears all calls.</summary>
public sealed record PhoneStep(SourceLocation Location, string User, PhoneState State) : ScenarioStep(Location)
{
    public override string Kind => "phone";

    public override string Describe() => $"phone {User} {ScenarioText.Camel(State)}";
}

/// <summary>Turns do not disturb on or off at the user's phone.</summary>
public sealed record DndStep(SourceLocation Location, string User, bool On) : ScenarioStep(Location)
{
    public override string Kind => "dnd";

    public override string Describe() => $"dnd {User} {(On ? "on" : "off")}";
}

/// <summary>Sets the MiVoice Office 400 PBX user presence.</summary>
public sealed record PbxUserPresenceStep(SourceLocation Location, string User, PbxUserPresenceValue Value) : ScenarioStep(Location)
{
    public override string Kind => "pbxUserPresence";

    public override string Describe() => $"pbxUserPresence {User} {Value}";
}

/// <summary>Sets the presence from Mitel One, which the PBX stores as PBX user presence.</summary>
public sealed record MitelOneStep(SourceLocation Location, string User, MitelOnePresence Value) : ScenarioStep(Location)
{
    public override string Kind => "mitelOne";

    public override string Describe() => $"mitelOne {User} {Value}";

    /// <summary>Returns the PBX user presence this Mitel One value stands for.</summary>
    public PbxUserPresenceValue ToPbxUserPresence() => Value switch
    {
        MitelOnePresence.Available => PbxUserPresenceValue.Available,
        MitelOnePresence.Away => PbxUserPresenceValue.Absent,
        MitelOnePresence.Busy => PbxUserPresenceValue.Busy,
        MitelOnePresence.Meeting => PbxUserPresenceValue.Meeting,
        _ => PbxUserPresenceValue.NotAvailable,
    };
}

/// <summary>Sets the state of the user's Teams client in the fake Graph.</summary>
public sealed record TeamsClientStep(SourceLocation Location, string User, TeamsClientState State) : ScenarioStep(Location)
{
    public override string Kind => "teamsClient";

    public override string Describe() => $"teamsClient {User} {ScenarioText.Camel(State)}";
}

/// <summary>The user sets a Teams state themselves (Graph user-preferred presence).</summary>
public sealed record TeamsUserSetStep(SourceLocation Location, string User, string Availability, string Activity) : ScenarioStep(Location)
{
    public override string Kind => "teamsUserSet";

    public override string Describe() => $"teamsUserSet {User} {Availability}/{Activity}";
}

/// <summary>The user resets their Teams state (clears the user-preferred presence).</summary>
public sealed record TeamsUserClearStep(SourceLocation Location, string User) : ScenarioStep(Location)
{
    public override string Kind => "teamsUserClear";

    public override string Describe() => $"teamsUserClear {User}";
}

/// <summary>The PBX drops the CSTA link to the core.</summary>
public sealed record LinkDropStep(SourceLocation Location) : ScenarioStep(Location)
{
    public override string Kind => "linkDrop";

    public override string Describe() => "linkDrop";
}

/// <summary>Moves scenario time forward.</summary>
public sealed record AdvanceStep(SourceLocation Location, TimeSpan Duration) : ScenarioStep(Location)
{
    public override string Kind => "advance";

    public override string Describe() => $"advance {DurationText.Format(Duration)}";
}

/// <summary>How an expectation is judged: reached within a deadline, or held for a period.</summary>
public enum ExpectMode
{
    Within,
    Holds,
}

/// <summary>The expected app presence session of the core: a pair, or None for no session.</summary>
public sealed record AppSessionExpectation(string? Availability, string? Activity)
{
    public static AppSessionExpectation None { get; } = new(null, null);

    public bool IsNone => Availability is null;

    public override string ToString() => IsNone ? "none" : $"{Availability}/{Activity}";
}

/// <summary>
/// Expected presence of a user. At least one of Teams, Activity, CloudLink and AppSession is set.
/// Within waits up to Duration for a match; Holds requires the match to last Duration.
/// </summary>
public sealed record ExpectStep(
    SourceLocation Location,
    string User,
    string? Teams,
    string? Activity,
    CloudLinkPresence? CloudLink,
    AppSessionExpectation? AppSession,
    ExpectMode Mode,
    TimeSpan Duration) : ScenarioStep(Location)
{
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(5);

    public override string Kind => "expect";

    public override string Describe()
    {
        var timing = Mode == ExpectMode.Within ? "within" : "holds";
        return $"expect {User} {ExpectationMatcher.DescribeExpected(this)} {timing} {DurationText.Format(Duration)}";
    }
}

/// <summary>Expects the core to report a diagnostic of the given kind for the user within a deadline.</summary>
public sealed record ExpectDiagnosticStep(SourceLocation Location, string User, string DiagnosticKind, TimeSpan Within)
    : ScenarioStep(Location)
{
    public override string Kind => "expectDiagnostic";

    public override string Describe() => $"expectDiagnostic {User} {DiagnosticKind} within {DurationText.Format(Within)}";
}
