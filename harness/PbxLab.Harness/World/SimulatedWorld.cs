using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Core.Configuration;
using PbxLab.Core.Gateway;
using PbxLab.Core.Links;
using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;
using PbxLab.Simulators.Graph;
using PbxLab.Simulators.Graph.Directory;
using PbxLab.Simulators.Pbx;
using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Harness.World;

/// <summary>
/// One case's world: a PBX simulator, a fake Graph and the real core gateway, all in this process
/// on loopback with ephemeral ports, sharing one <see cref="FakeTimeProvider"/> that only the
/// scenario moves. The core is configured exactly as it would be for a real PBX and the real
/// Graph, with the simulators' addresses.
/// </summary>
internal sealed partial class SimulatedWorld : IScenarioWorld
{
    /// <summary>Scenario time zero: a Monday morning, so a case never spans a date change by accident.</summary>
    private static readonly DateTimeOffset ScenarioEpoch = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private const string LinkName = "pbx1";

    private readonly ScenarioDefinition _scenario;
    private readonly FakeTimeProvider _clock;
    private readonly DateTimeOffset _start;
    private readonly WorldComponents _components;
    private readonly WorldTrail _trail;
    private readonly IReadOnlyDictionary<string, string> _helperDevices;
    private readonly GatewayOptions _gatewayOptions;
    private readonly ILoggerFactory _loggerFactory;
    private readonly WorldCoreApi _coreApi = new();
    private readonly WorldTraffic _traffic = new();

    // Diagnostics of the cores a coreStop ended, so the run report still lists them.
    private readonly List<string> _stoppedCoreDiagnostics = [];

    private SimulatedWorld(
        ScenarioDefinition scenario,
        FakeTimeProvider clock,
        WorldComponents components,
        IReadOnlyDictionary<string, string> helperDevices,
        GatewayOptions gatewayOptions,
        ILoggerFactory loggerFactory)
    {
        _scenario = scenario;
        _clock = clock;
        _start = clock.GetUtcNow();
        _components = components;
        _helperDevices = helperDevices;
        _gatewayOptions = gatewayOptions;
        _loggerFactory = loggerFactory;
        _trail = new WorldTrail(components, _start, clock);
    }

    public TimeSpan Elapsed => _clock.GetUtcNow() - _start;

    public TimeSpan RealTimeGrace => WorldSettling.ExpectationGrace;

    public IReadOnlyList<TrailEntry> Trail => _trail.Snapshot();

    public IReadOnlyList<string> Diagnostics =>
    [
        .. _stoppedCoreDiagnostics,
        .. _components.Gateway is { } gateway ? DescribeDiagnostics(gateway) : [],
    ];

    /// <summary>
    /// Starts the fake Graph, the PBX simulator and the core, in that order, then waits until the
    /// core has matched its users and started (or been refused) its monitors.
    /// </summary>
    public static async Task<SimulatedWorld> StartAsync(
        ScenarioDefinition scenario,
        RSA signingKey,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var clock = new FakeTimeProvider(ScenarioEpoch);
        var identity = WorldIdentity.Create();
        var components = new WorldComponents();

        try
        {
            components.Graph = await StartGraphAsync(scenario, identity, signingKey, clock, loggerFactory, cancellationToken).ConfigureAwait(false);

            var (pbx, helperDevices) = await StartPbxAsync(scenario, clock, loggerFactory, cancellationToken).ConfigureAwait(false);
            components.Pbx = pbx;

            components.HistoryFolder = Directory.CreateTempSubdirectory("pbxlab-world-").FullName;
            var options = BuildGatewayOptions(scenario, identity, components.Graph, pbx, components.HistoryFolder);
            components.ClientId = identity.ClientId;
            components.Gateway = await StartGatewayAsync(options, clock, loggerFactory, cancellationToken).ConfigureAwait(false);

            var world = new SimulatedWorld(scenario, clock, components, helperDevices, options, loggerFactory);
            await world.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return world;
        }
        catch
        {
            await components.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task PerformAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        _trail.AddStep(_clock.GetUtcNow(), step.Describe());
        var pbx = _components.Pbx!;
        var graph = _components.Graph!;

        switch (step)
        {
            case CallStep call:
                pbx.Dial(DeviceOf(call.From), call.ToIsUser ? DeviceOf(call.To) : call.To);
                break;

            case AnswerStep answer:
                pbx.Answer(DeviceOf(answer.User));
                break;

            case HangupStep hangup:
                pbx.Hangup(DeviceOf(hangup.User));
                break;

            case PhoneStep { State: PhoneState.Busy } phone:
                PutInAnsweredCall(phone.User);
                break;

            case PhoneStep { State: PhoneState.Available } phone:
                ClearCalls(phone.User);
                break;

            case DndStep dnd:
                pbx.SetDoNotDisturb(DeviceOf(dnd.User), dnd.On);
                break;

            case PbxUserPresenceStep presence:
                pbx.SetUserPresence(DeviceOf(presence.User), WorldMapping.ToPbx(presence.Value));
                break;

            case MitelOneStep mitelOne:
                pbx.SetUserPresence(DeviceOf(mitelOne.User), WorldMapping.ToPbx(mitelOne.ToPbxUserPresence()));
                break;

            case TeamsClientStep teams:
                graph.SetTeamsClient(EntraUserOf(teams.User), WorldMapping.ToGraph(teams.State));
                break;

            case TeamsUserSetStep userSet:
                graph.SetUserPreferredPresence(EntraUserOf(userSet.User), userSet.Availability, userSet.Activity);
                break;

            case TeamsUserClearStep userClear:
                graph.ClearUserPreferredPresence(EntraUserOf(userClear.User));
                break;

            case LinkDropStep:
                await pbx.DropAllConnectionsAsync().ConfigureAwait(false);
                break;

            case CoreStopStep:
                await StopCoreAsync().ConfigureAwait(false);
                break;

            case CoreStartStep:
                await StartCoreAsync(cancellationToken).ConfigureAwait(false);
                break;

            case CoreRestartStep:
                await StopCoreAsync().ConfigureAwait(false);
                await StartCoreAsync(cancellationToken).ConfigureAwait(false);
                break;

            default:
                if (PerformCallFeature(step))
                {
                    break;
                }

                throw new NotSupportedException($"The world cannot perform a '{step.Kind}' step; the runner handles it.");
        }

        // What the step sets off (CSTA events, the core's reaction, Graph writes) happens at the
        // step's scenario time, before a later advance moves the clock on.
        await SettleAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AdvanceAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var remaining = duration;
        while (remaining > TimeSpan.Zero)
        {
            var step = remaining < WorldSettling.MaxClockStep ? remaining : WorldSettling.MaxClockStep;
            _clock.Advance(step);
            remaining -= step;
            await SettleAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var lastActivity = _trail.ActivityCount();
        var quietSince = started;
        long? pendingSince = null;

        while (TimeProvider.System.GetElapsedTime(started) < WorldSettling.MaxSettle)
        {
            await Task.Delay(WorldSettling.PollInterval, cancellationToken).ConfigureAwait(false);

            // A CSTA request of the core that is still waiting for its response keeps the world busy:
            // moving the clock now could pass the request's timeout before the link reads the response.
            // So does a message the PBX sent that the core has not handled yet: handled after the
            // clock moved, it would carry a later time. A request the PBX does not answer at all must
            // time out as it would in real life, so both waits are bounded.
            var activity = _trail.ActivityCount();
            if (_components.Gateway is { PendingLinkRequests: > 0 } || MessagesInFlight() > 0)
            {
                pendingSince ??= TimeProvider.System.GetTimestamp();
                if (TimeProvider.System.GetElapsedTime(pendingSince.Value) < WorldSettling.MaxResponseWait)
                {
                    quietSince = TimeProvider.System.GetTimestamp();
                    continue;
                }

                GiveUpOnMessagesInFlight();
            }
            else
            {
                pendingSince = null;
            }

            if (activity != lastActivity)
            {
                lastActivity = activity;
                quietSince = TimeProvider.System.GetTimestamp();
                continue;
            }

            if (TimeProvider.System.GetElapsedTime(quietSince) >= WorldSettling.QuietPeriod)
            {
                return;
            }
        }
    }

    private long MessagesInFlight() =>
        _components.Gateway is { } gateway ? _traffic.InFlight(_components.Pbx!.ConnectionTraffic, gateway.LinkTraffic) : 0;

    private void GiveUpOnMessagesInFlight()
    {
        if (_components.Gateway is { } gateway)
        {
            _traffic.GiveUp(_components.Pbx!.ConnectionTraffic, gateway.LinkTraffic);
        }
    }

    public Task<UserObservation> ObserveAsync(string userName, CancellationToken cancellationToken)
    {
        var user = UserOf(userName);
        var graph = _components.Graph!;
        var gateway = RunningGateway();

        var inEntra = graph.Directory.Find(user.Email) is not null;
        var presence = inEntra ? graph.GetPresence(user.Email) : null;
        var appSession = inEntra ? graph.GetAppSession(user.Email, _components.ClientId) : null;

        var diagnostics = gateway.Diagnostics.Entries
            .Where(entry => string.Equals(entry.Email, user.Email, StringComparison.OrdinalIgnoreCase))
            .Select(entry => entry.Kind.ToString())
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var observation = new UserObservation(
            userName,
            presence?.Availability ?? "Offline",
            presence?.Activity ?? "Offline",
            appSession is null ? null : new AppSessionPresence(appSession.Availability, appSession.Activity),
            WorldMapping.ToHarness(gateway.GetCloudLinkPresence(user.Email)),
            diagnostics);

        return Task.FromResult(observation);
    }

    public async ValueTask DisposeAsync()
    {
        _coreApi.Dispose();
        await _components.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<FakeGraphServer> StartGraphAsync(
        ScenarioDefinition scenario,
        WorldIdentity identity,
        RSA signingKey,
        FakeTimeProvider clock,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var options = new FakeGraphOptions
        {
            TenantId = identity.TenantId,
            TeamsClientLag = scenario.Graph.TeamsClientLag,
            SigningKey = signingKey,
        };
        var graph = await FakeGraphServer.StartAsync(options, clock, loggerFactory, cancellationToken).ConfigureAwait(false);

        graph.AddApplication(
            identity.ClientId,
            identity.ClientSecret,
            clock.GetUtcNow().AddYears(1),
            "Presence.ReadWrite.All",
            "User.Read.All",
            "Contacts.Read");

        try
        {
            WorldDirectory.Seed(graph, scenario);
        }
        catch
        {
            await graph.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return graph;
    }

    private static async Task<(PbxSimulator Pbx, IReadOnlyDictionary<string, string> HelperDevices)> StartPbxAsync(
        ScenarioDefinition scenario,
        FakeTimeProvider clock,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var options = new PbxSimulatorOptions
        {
            Profile = WorldDialPlans.SimulatorProfile(scenario.Pbx),
            MonitorLicences = scenario.Pbx.Licences,
        };
        var pbx = await PbxSimulator.StartAsync(options, clock, loggerFactory, cancellationToken).ConfigureAwait(false);

        foreach (var user in scenario.Users)
        {
            pbx.AddDevice(user.Device, user.Email, user.Name, user.CloudLinkRole);
        }

        // Each user gets a helper device without an owner or a CloudLink role: the far end of the
        // calls that a phone step sets up, so the helper never shows up in the core's presence.
        var takenDevices = scenario.Users.Select(user => user.Device).ToHashSet(StringComparer.Ordinal);
        var helperDevices = new Dictionary<string, string>(StringComparer.Ordinal);
        // Helper numbers must not start with the trunk access code, or the PBX would route them to the trunk.
        var trunkAccessCode = pbx.Profile.DialPlan.TrunkAccessCode;
        var candidate = trunkAccessCode.StartsWith('9') ? 8900 : 9900;
        foreach (var user in scenario.Users)
        {
            while (takenDevices.Contains(candidate.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                candidate++;
            }

            var helper = candidate.ToString(System.Globalization.CultureInfo.InvariantCulture);
            pbx.AddDevice(helper, owner: null, displayName: $"helper of {user.Name}", cloudLinkRole: false);
            helperDevices[user.Name] = helper;
            takenDevices.Add(helper);
        }

        return (pbx, helperDevices);
    }

    private static GatewayOptions BuildGatewayOptions(
        ScenarioDefinition scenario,
        WorldIdentity identity,
        FakeGraphServer graph,
        PbxSimulator pbx,
        string historyFolder)
    {
        var presence = new PresenceOptions();
        if (scenario.Core.SessionExpiration is { } expiration)
        {
            presence = presence with { SessionExpiration = expiration };
        }

        if (scenario.Core.RefreshBefore is { } refreshBefore)
        {
            presence = presence with { RefreshBefore = refreshBefore };
        }

        if (scenario.Core.NotAvailableMapsTo is { } notAvailable)
        {
            presence = presence with { NotAvailableMapsTo = WorldMapping.ToCore(notAvailable) };
        }

        return new GatewayOptions
        {
            TenantId = identity.TenantId,
            ClientId = identity.ClientId,
            ClientSecret = identity.ClientSecret,
            TokenBaseUrl = graph.BaseAddress.ToString().TrimEnd('/'),
            GraphBaseUrl = graph.GraphBaseAddress.ToString().TrimEnd('/'),
            Presence = presence,
            PbxLinks = [new PbxLinkConfiguration(LinkName, pbx.Bind, pbx.Port, pbx.Profile.Name) { DialPlan = WorldDialPlans.CoreDialPlan(scenario.Pbx) }],
            Users = [.. scenario.Users.Select(user => new GatewayUserConfiguration(user.Email, user.Device, LinkName))],
            History = new HistoryStoreOptions { SqlitePath = Path.Combine(historyFolder, "history.db") },
            Api = new ApiOptions { Port = 0 },
        };
    }

    private void PutInAnsweredCall(string userName)
    {
        var helper = _helperDevices[userName];
        _components.Pbx!.Dial(DeviceOf(userName), helper);
        _components.Pbx!.Answer(helper);
    }

    private void ClearCalls(string userName)
    {
        var device = DeviceOf(userName);
        if (_components.Pbx!.GetDevice(device).Calls.Count > 0)
        {
            _components.Pbx!.Hangup(device);
        }
    }

    private UserDefinition UserOf(string userName) =>
        _scenario.FindUser(userName)
        ?? throw new InvalidOperationException($"The scenario has no user named '{userName}'.");

    private string DeviceOf(string userName) => UserOf(userName).Device;

    private string EntraUserOf(string userName)
    {
        var user = UserOf(userName);
        if (!user.InEntra)
        {
            throw new InvalidOperationException(
                $"User '{userName}' has no Entra account in this scenario (inEntra: false), so there is no Teams client to drive.");
        }

        return user.Email;
    }
}
