using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Running;

/// <summary>Starts the components a scenario needs (PBX simulator, fake Graph, core) as one world.</summary>
public interface IScenarioWorldFactory
{
    /// <summary>
    /// Starts a fresh world for one case of the scenario. An exception here is a harness or environment
    /// error (exit code 3), not a failed expectation.
    /// </summary>
    Task<IScenarioWorld> CreateAsync(ScenarioDefinition scenario, CancellationToken cancellationToken);
}

/// <summary>
/// A running set of components on a controllable scenario clock. The runner drives it with steps and
/// reads it with observations; disposing it stops every component.
/// </summary>
public interface IScenarioWorld : IAsyncDisposable
{
    /// <summary>Scenario time since the world started.</summary>
    TimeSpan Elapsed { get; }

    /// <summary>Performs every step kind except expect, expectDiagnostic and advance, which the runner handles.</summary>
    Task PerformAsync(ScenarioStep step, CancellationToken cancellationToken);

    /// <summary>Moves the scenario clock forward by the duration, then lets the components settle.</summary>
    Task AdvanceAsync(TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Waits, in real time and for a bounded period, until in-flight work (sockets, HTTP calls) is done.</summary>
    Task SettleAsync(CancellationToken cancellationToken);

    /// <summary>Returns what the user looks like now: Teams presence, the core's app session, CloudLink presence and diagnostics.</summary>
    Task<UserObservation> ObserveAsync(string userName, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the user's call history as the core serves it over its REST API, every page, in call
    /// order (oldest first). Throws when the core is not running.
    /// </summary>
    Task<IReadOnlyList<HistoryRecordObservation>> ObserveHistoryAsync(string userName, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This world has no call history.");

    /// <summary>Returns the user's speed-dial view as the core serves it over its REST API. Throws when the core is not running.</summary>
    Task<IReadOnlyList<SpeedDialObservation>> ObserveSpeedDialsAsync(string userName, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This world has no speed dials.");

    /// <summary>What happened so far, in order, for failure reports.</summary>
    IReadOnlyList<TrailEntry> Trail { get; }

    /// <summary>
    /// What the core reported about its users and links (a user not matched in Entra, a monitor the
    /// PBX refused, a link that went down), one line each with the reason, for the run report.
    /// </summary>
    IReadOnlyList<string> Diagnostics => [];

    /// <summary>
    /// Real time an expectation still gets after its scenario-time deadline, with the clock standing
    /// still, so a slow or loaded machine does not fail a case that the system under test passes.
    /// Zero for a world whose observations do not depend on real time.
    /// </summary>
    TimeSpan RealTimeGrace => TimeSpan.Zero;
}

/// <summary>One event of a world: scenario time, source (pbx, csta, core or graph) and a line of text.</summary>
public sealed record TrailEntry(TimeSpan Time, string Source, string Text);

/// <summary>An app presence session as Graph holds it.</summary>
public sealed record AppSessionPresence(string Availability, string Activity)
{
    public override string ToString() => $"{Availability}/{Activity}";
}

/// <summary>
/// The state of one user: what others see in Teams (availability and activity), the core's app session
/// (null when there is none), the core's CloudLink presence and the kinds of diagnostics the core reports
/// for the user.
/// </summary>
public sealed record UserObservation(
    string UserName,
    string TeamsAvailability,
    string TeamsActivity,
    AppSessionPresence? AppSession,
    CloudLinkPresence CloudLink,
    IReadOnlyList<string> DiagnosticKinds);
