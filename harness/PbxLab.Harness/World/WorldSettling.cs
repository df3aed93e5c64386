namespace PbxLab.Harness.World;

/// <summary>
/// Real-time limits for waiting on the components. The scenario clock does not move while the
/// world waits; these bound how long a case may take on the wall clock.
/// </summary>
internal static class WorldSettling
{
    /// <summary>The world counts as settled once nothing new happened for this long.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(25);

    /// <summary>How often the world looks for new activity while it settles.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>How long a settle waits for the response to a CSTA request of the core before it lets the clock move on.</summary>
    public static readonly TimeSpan MaxResponseWait = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of one settle; a busier world is observed as it is then.</summary>
    public static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Largest single move of the scenario clock. Longer advances go in steps of this size with a
    /// settle after each. That way timers that depend on each other, such as a heartbeat and its
    /// response timeout or a refresh and the session expiry, fire in the order they would in real time.
    /// </summary>
    public static readonly TimeSpan MaxClockStep = TimeSpan.FromSeconds(20);

    /// <summary>Real time an expectation still gets after its scenario-time deadline; see IScenarioWorld.RealTimeGrace.</summary>
    public static readonly TimeSpan ExpectationGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long the core gets to connect, match its users and start its monitors.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(15);
}
