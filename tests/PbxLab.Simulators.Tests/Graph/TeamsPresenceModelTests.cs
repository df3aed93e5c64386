using Microsoft.Extensions.Time.Testing;
using PbxLab.Simulators.Graph.Teams;

namespace PbxLab.Simulators.Tests.Graph;

public class TeamsPresenceModelTests
{
    private const string User = "u1";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    private TeamsPresenceModel Model(TimeSpan? lag = null) => new(_time, lag ?? TimeSpan.Zero);

    private static PresenceView Pair(string availability, string activity) => new(availability, activity);

    [Fact]
    public void No_session_is_offline()
    {
        var model = Model();

        Assert.Equal(PresenceView.Offline, model.GetPresence(User));
    }

    [Theory]
    [InlineData(TeamsClientState.NotRunning, "Offline", "Offline")]
    [InlineData(TeamsClientState.Inactive, "Away", "Away")]
    [InlineData(TeamsClientState.Active, "Available", "Available")]
    [InlineData(TeamsClientState.InCallOrMeeting, "Busy", "InACall")]
    [InlineData(TeamsClientState.InMeeting, "Busy", "InAMeeting")]
    [InlineData(TeamsClientState.Presenting, "DoNotDisturb", "Presenting")]
    public void Teams_client_alone_maps_to_its_session(TeamsClientState state, string availability, string activity)
    {
        var model = Model();

        model.SetTeamsClient(User, state);

        Assert.Equal(Pair(availability, activity), model.GetPresence(User));
    }

    [Theory]
    [InlineData(TeamsClientState.NotRunning, "Busy", "InACall", "Busy", "InACall")]
    [InlineData(TeamsClientState.Inactive, "Busy", "InACall", "Busy", "InACall")]
    [InlineData(TeamsClientState.Active, "Busy", "InACall", "Busy", "InACall")]
    [InlineData(TeamsClientState.Presenting, "Busy", "InACall", "DoNotDisturb", "Presenting")]
    [InlineData(TeamsClientState.Active, "Away", "Away", "Available", "Available")]
    [InlineData(TeamsClientState.Inactive, "Available", "Available", "Available", "Available")]
    [InlineData(TeamsClientState.InCallOrMeeting, "DoNotDisturb", "Presenting", "DoNotDisturb", "Presenting")]
    [InlineData(TeamsClientState.InMeeting, "Away", "Away", "Busy", "InAMeeting")]
    [InlineData(TeamsClientState.NotRunning, "Away", "Away", "Away", "Away")]
    public void Highest_session_wins(TeamsClientState client, string appAvailability, string appActivity, string availability, string activity)
    {
        var model = Model();

        model.SetTeamsClient(User, client);
        model.SetAppSession(User, "app", Pair(appAvailability, appActivity), TimeSpan.FromHours(1));

        Assert.Equal(Pair(availability, activity), model.GetPresence(User));
    }

    [Fact]
    public void Two_app_sessions_rank_by_availability()
    {
        var model = Model();

        model.SetAppSession(User, "a", Pair("Away", "Away"), TimeSpan.FromHours(1));
        model.SetAppSession(User, "b", Pair("Busy", "InAConferenceCall"), TimeSpan.FromHours(1));

        Assert.Equal(Pair("Busy", "InAConferenceCall"), model.GetPresence(User));
    }

    [Fact]
    public void App_session_expires_and_vanishes()
    {
        var model = Model();
        model.SetAppSession(User, "app", Pair("Busy", "InACall"), TimeSpan.FromMinutes(30));

        _time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(Pair("Busy", "InACall"), model.GetPresence(User));
        Assert.NotNull(model.GetAppSession(User, "app"));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(PresenceView.Offline, model.GetPresence(User));
        Assert.Null(model.GetAppSession(User, "app"));
        Assert.False(model.ClearAppSession(User, "app"));
    }

    [Fact]
    public void Refresh_extends_expiry()
    {
        var model = Model();
        model.SetAppSession(User, "app", Pair("Busy", "InACall"), TimeSpan.FromMinutes(5));

        _time.Advance(TimeSpan.FromMinutes(4));
        var refreshed = model.SetAppSession(User, "app", Pair("Busy", "InACall"), TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal(Start + TimeSpan.FromMinutes(9), refreshed.ExpiresAt);
        Assert.Equal(Pair("Busy", "InACall"), model.GetPresence(User));
    }

    [Fact]
    public void Available_session_fades_in_two_steps()
    {
        var model = Model();
        model.SetAppSession(User, "app", Pair("Available", "Available"), TimeSpan.FromHours(1));
        var seen = new List<PresenceView>();

        // Samples at 0, 4:59, 5:00, 9:59, 10:00, 59:59 and 60:00 minutes.
        foreach (var step in new[] { 0, 299, 1, 299, 1, 2999, 1 })
        {
            _time.Advance(TimeSpan.FromSeconds(step));
            seen.Add(model.GetPresence(User));
        }

        Assert.Equal(
            [
                Pair("Available", "Available"),
                Pair("Available", "Available"),
                Pair("Available", "AvailableInactive"),
                Pair("Available", "AvailableInactive"),
                Pair("Away", "Away"),
                Pair("Away", "Away"),
                PresenceView.Offline,
            ],
            seen);
    }

    [Fact]
    public void Refresh_restarts_the_fade()
    {
        var model = Model();
        model.SetAppSession(User, "app", Pair("Available", "Available"), TimeSpan.FromHours(1));

        _time.Advance(TimeSpan.FromMinutes(7));
        Assert.Equal(Pair("Available", "AvailableInactive"), model.GetPresence(User));

        model.SetAppSession(User, "app", Pair("Available", "Available"), TimeSpan.FromHours(1));
        Assert.Equal(Pair("Available", "Available"), model.GetPresence(User));
        Assert.Equal("Available", model.GetAppSession(User, "app")!.Activity);
    }

    [Fact]
    public void Faded_session_ranks_as_away()
    {
        var model = Model();
        model.SetAppSession(User, "app", Pair("Available", "Available"), TimeSpan.FromHours(1));
        model.SetTeamsClient(User, TeamsClientState.Inactive);

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(Pair("Away", "Away"), model.GetPresence(User));
        Assert.Equal("Away", model.GetAppSession(User, "app")!.Availability);
    }

    [Fact]
    public void Busy_session_does_not_fade()
    {
        var model = Model();
        model.SetAppSession(User, "app", Pair("Busy", "InACall"), TimeSpan.FromHours(4));

        _time.Advance(TimeSpan.FromHours(3));

        Assert.Equal(Pair("Busy", "InACall"), model.GetPresence(User));
    }

    [Fact]
    public void Clear_removes_only_that_session()
    {
        var model = Model();
        model.SetAppSession(User, "a", Pair("Busy", "InACall"), TimeSpan.FromHours(1));
        model.SetAppSession(User, "b", Pair("Away", "Away"), TimeSpan.FromHours(1));

        Assert.True(model.ClearAppSession(User, "a"));
        Assert.Equal(Pair("Away", "Away"), model.GetPresence(User));

        Assert.True(model.ClearAppSession(User, "b"));
        Assert.Equal(PresenceView.Offline, model.GetPresence(User));
        Assert.False(model.ClearAppSession(User, "b"));
    }

    [Fact]
    public void Preferred_overrides_sessions()
    {
        var model = Model();
        model.SetTeamsClient(User, TeamsClientState.Presenting);
        model.SetAppSession(User, "app", Pair("Busy", "InACall"), TimeSpan.FromHours(1));

        model.SetPreferredPresence(User, Pair("Available", "Available"));

        Assert.Equal(Pair("Available", "Available"), model.GetPresence(User));
    }

    [Fact]
    public void Preferred_needs_a_session()
    {
        var model = Model();

        model.SetPreferredPresence(User, Pair("Busy", "Busy"));
        Assert.Equal(PresenceView.Offline, model.GetPresence(User));

        model.SetTeamsClient(User, TeamsClientState.Inactive);
        Assert.Equal(Pair("Busy", "Busy"), model.GetPresence(User));
    }

    [Fact]
    public void Preferred_offline_shows_off_work()
    {
        var model = Model();
        model.SetPreferredPresence(User, Pair("Offline", "OffWork"));

        Assert.Equal(Pair("Offline", "OffWork"), model.GetPresence(User));

        model.SetTeamsClient(User, TeamsClientState.Active);
        Assert.Equal(Pair("Offline", "OffWork"), model.GetPresence(User));
    }

    [Theory]
    [InlineData("DoNotDisturb", "DoNotDisturb", 1)]
    [InlineData("Busy", "Busy", 1)]
    [InlineData("Available", "Available", 7)]
    [InlineData("Away", "Away", 7)]
    [InlineData("BeRightBack", "BeRightBack", 7)]
    [InlineData("Offline", "OffWork", 7)]
    public void Preferred_default_expiry(string availability, string activity, int days)
    {
        var model = Model();
        model.SetTeamsClient(User, TeamsClientState.InCallOrMeeting);

        var preferred = model.SetPreferredPresence(User, Pair(availability, activity));

        Assert.Equal(Start + TimeSpan.FromDays(days), preferred.ExpiresAt);

        _time.Advance(TimeSpan.FromDays(days) - TimeSpan.FromSeconds(1));
        Assert.Equal(Pair(availability, activity), model.GetPresence(User));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Pair("Busy", "InACall"), model.GetPresence(User));
    }

    [Fact]
    public void Preferred_explicit_expiry_and_clear()
    {
        var model = Model();
        model.SetTeamsClient(User, TeamsClientState.Active);
        model.SetPreferredPresence(User, Pair("DoNotDisturb", "DoNotDisturb"), TimeSpan.FromHours(2));

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(Pair("DoNotDisturb", "DoNotDisturb"), model.GetPresence(User));

        model.ClearPreferredPresence(User);
        Assert.Equal(Pair("Available", "Available"), model.GetPresence(User));
    }

    [Fact]
    public void Lag_shows_past_view()
    {
        var model = Model(TimeSpan.FromMinutes(2));
        model.SetTeamsClient(User, TeamsClientState.Active);
        var seen = new List<PresenceView> { model.GetPresence(User) };

        _time.Advance(TimeSpan.FromMinutes(2));
        seen.Add(model.GetPresence(User));

        model.SetAppSession(User, "app", Pair("Busy", "InACall"), TimeSpan.FromMinutes(5));
        seen.Add(model.GetPresence(User));

        _time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        seen.Add(model.GetPresence(User));

        _time.Advance(TimeSpan.FromSeconds(1));
        seen.Add(model.GetPresence(User));

        // The session expires 5 minutes after it was set; the lagged view drops it 2 minutes later.
        _time.Advance(TimeSpan.FromMinutes(4));
        seen.Add(model.GetPresence(User));
        Assert.Equal(Pair("Available", "Available"), model.GetCurrentPresence(User));

        _time.Advance(TimeSpan.FromMinutes(1));
        seen.Add(model.GetPresence(User));

        Assert.Equal(
            [
                PresenceView.Offline,
                Pair("Available", "Available"),
                Pair("Available", "Available"),
                Pair("Available", "Available"),
                Pair("Busy", "InACall"),
                Pair("Busy", "InACall"),
                Pair("Available", "Available"),
            ],
            seen);
    }

    [Fact]
    public void Lag_applies_to_fades()
    {
        var model = Model(TimeSpan.FromMinutes(1));
        model.SetAppSession(User, "app", Pair("Available", "Available"), TimeSpan.FromHours(1));

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(Pair("Available", "Available"), model.GetPresence(User));
        Assert.Equal(Pair("Available", "AvailableInactive"), model.GetCurrentPresence(User));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Pair("Available", "AvailableInactive"), model.GetPresence(User));
    }

    [Fact]
    public void App_session_view_reports_expiry()
    {
        var model = Model();

        model.SetAppSession(User, "app", Pair("DoNotDisturb", "Presenting"), TimeSpan.FromMinutes(20));
        var session = model.GetAppSession(User, "app");

        Assert.NotNull(session);
        Assert.Equal("DoNotDisturb", session.Availability);
        Assert.Equal("Presenting", session.Activity);
        Assert.Equal(Start + TimeSpan.FromMinutes(20), session.ExpiresAt);
        Assert.Null(model.GetAppSession(User, "other"));
    }

    [Fact]
    public void Users_are_independent()
    {
        var model = Model();

        model.SetTeamsClient("u1", TeamsClientState.Active);
        model.SetAppSession("u2", "app", Pair("Busy", "InACall"), TimeSpan.FromHours(1));

        Assert.Equal(Pair("Available", "Available"), model.GetPresence("u1"));
        Assert.Equal(Pair("Busy", "InACall"), model.GetPresence("u2"));
        Assert.Equal(PresenceView.Offline, model.GetPresence("u3"));
    }
}
