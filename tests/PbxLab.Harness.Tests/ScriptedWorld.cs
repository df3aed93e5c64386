using Microsoft.Extensions.Time.Testing;
using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

/// <summary>
/// A test double of a world whose users' state is a function of scenario time. It records the steps
/// it performs and can throw on chosen ones. Each call also moves an optional fake wall clock by 10 ms.
/// </summary>
internal sealed class ScriptedWorld : IScenarioWorld
{
    private readonly List<TrailEntry> _trail = [];
    private readonly FakeTimeProvider? _realClock;

    public ScriptedWorld(Func<TimeSpan, string, UserObservation> observe, FakeTimeProvider? realClock = null)
    {
        Observe = observe;
        _realClock = realClock;
    }

    public Func<TimeSpan, string, UserObservation> Observe { get; }

    public Func<ScenarioStep, bool> ThrowsOn { get; init; } = _ => false;

    public List<string> Performed { get; } = [];

    public int Observations { get; private set; }

    public bool Disposed { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public IReadOnlyList<TrailEntry> Trail => _trail;

    public IReadOnlyList<string> Diagnostics { get; init; } = [];

    public Task PerformAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        _realClock?.Advance(TimeSpan.FromMilliseconds(10));
        Performed.Add(step.Describe());
        _trail.Add(new TrailEntry(Elapsed, "pbx", $"performed {step.Describe()}"));
        if (ThrowsOn(step))
        {
            throw new InvalidOperationException("the PBX simulator rejected the request");
        }

        return Task.CompletedTask;
    }

    public Task AdvanceAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        _realClock?.Advance(TimeSpan.FromMilliseconds(10));
        Elapsed += duration;
        return Task.CompletedTask;
    }

    public Task SettleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<UserObservation> ObserveAsync(string userName, CancellationToken cancellationToken)
    {
        Observations++;
        return Task.FromResult(Observe(Elapsed, userName));
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    /// <summary>Returns an observation with the given Teams availability and CloudLink presence and no app session.</summary>
    public static UserObservation Seen(string teams, CloudLinkPresence cloudLink = CloudLinkPresence.Available, AppSessionPresence? appSession = null, params string[] diagnostics) =>
        new("alice", teams, teams, appSession, cloudLink, diagnostics);
}

/// <summary>Creates worlds from a function, so a test decides per scenario what the world does or whether it starts.</summary>
internal sealed class ScriptedWorldFactory(Func<ScenarioDefinition, IScenarioWorld> create) : IScenarioWorldFactory
{
    public List<ScenarioDefinition> Requests { get; } = [];

    public Task<IScenarioWorld> CreateAsync(ScenarioDefinition scenario, CancellationToken cancellationToken)
    {
        Requests.Add(scenario);
        return Task.FromResult(create(scenario));
    }
}

/// <summary>Keeps every run event in order.</summary>
internal sealed class RecordingSink : IRunEventSink
{
    public List<RunEvent> Events { get; } = [];

    public Task OnEventAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        Events.Add(runEvent);
        return Task.CompletedTask;
    }
}
