using Microsoft.Extensions.Logging;
using PbxLab.Simulators.Pbx.Engine;
using PbxLab.Simulators.Pbx.Profiles;
using PbxLab.Simulators.Pbx.Server;

namespace PbxLab.Simulators.Pbx;

/// <summary>
/// One emulated PBX: the call engine and its CSTA server on a real TCP port. The control methods make
/// phones do things; they throw <see cref="PbxOperationException"/> for actions the PBX cannot perform.
/// </summary>
public sealed class PbxSimulator : IAsyncDisposable
{
    private readonly PbxEngine _engine;
    private readonly CstaServer _server;

    private PbxSimulator(PbxEngine engine, CstaServer server)
    {
        _engine = engine;
        _server = server;
    }

    public PbxProfile Profile => _engine.Profile;

    /// <summary>The CSTA port the server listens on.</summary>
    public int Port => _server.Port;

    /// <summary>The IP address the CSTA server listens on.</summary>
    public string Bind => _server.Settings.Bind;

    /// <summary>The engine, for observers that want domain events rather than CSTA.</summary>
    public PbxEngine Engine => _engine;

    public IReadOnlyList<MonitorInfo> Monitors =>
        [.. _server.Monitors.All().Select(m => new MonitorInfo(m.DeviceId, m.MonitorCrossRefId, m.Session.Name))];

    public int LicencesInUse => _server.Monitors.InUse;

    public int Licences => _server.Monitors.Licences;

    public int ConnectionCount => _server.ConnectionCount;

    /// <summary>Messages sent and still to send on each open CSTA connection.</summary>
    public IReadOnlyList<CstaConnectionTraffic> ConnectionTraffic => _server.Traffic;

    /// <summary>The most recent CSTA messages sent and received, oldest first.</summary>
    public IReadOnlyList<CstaTraceEntry> Trace => _server.Trace.Snapshot();

    public static async Task<PbxSimulator> StartAsync(
        PbxSimulatorOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var settings = Validate(options);

        var engine = new PbxEngine(options.Profile, timeProvider, options.NoAnswerTimeout, loggerFactory.CreateLogger<PbxEngine>());
        try
        {
            var server = await CstaServer.StartAsync(engine, settings, timeProvider, loggerFactory, cancellationToken);
            return new PbxSimulator(engine, server);
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    public DeviceInfo AddDevice(string directoryNumber, string? owner = null, string? displayName = null, bool cloudLinkRole = true) =>
        _engine.AddDevice(directoryNumber, owner, displayName, cloudLinkRole);

    /// <summary>Places a call; <paramref name="number"/> is a directory number or the trunk access code and an external number. Returns the call id.</summary>
    public string Dial(string fromDevice, string number) => _engine.Dial(fromDevice, number);

    /// <summary>
    /// Offers a call from an external number on the trunk to a device. Returns the call id. An E.164 number
    /// ("+33123456789") is presented as the profile's dial plan says. <see cref="PbxNumbers.Restricted"/> or
    /// <see cref="PbxNumbers.NotKnown"/> make a withheld number.
    /// </summary>
    public string IncomingExternalCall(string callingNumber, string toDevice) => _engine.IncomingExternalCall(callingNumber, toDevice);

    /// <summary>Puts the device's answered call on hold.</summary>
    public void Hold(string device) => _engine.Hold(device);

    /// <summary>Takes the device's held call off hold.</summary>
    public void Retrieve(string device) => _engine.Retrieve(device);

    /// <summary>Holds the device's call and places a consultation call. Returns the new call id.</summary>
    public string Consult(string device, string number) => _engine.Consult(device, number);

    /// <summary>Joins the device's held and active calls and drops the device. Returns the id of the joined call.</summary>
    public string Transfer(string device) => _engine.Transfer(device);

    /// <summary>Moves the device's answered call to another number without consulting (blind transfer).</summary>
    public void SingleStepTransfer(string device, string number) => _engine.SingleStepTransfer(device, number);

    /// <summary>Joins the device's held and active calls into a conference. Returns the conference's call id.</summary>
    public string Conference(string device) => _engine.Conference(device);

    /// <summary>Switches one kind of call forwarding of a device on or off.</summary>
    public void SetForwarding(string device, PbxForwardingType type, string? destination, bool on, TimeSpan? noAnswerAfter = null) =>
        _engine.SetForwarding(device, type, destination, on, noAnswerAfter);

    /// <summary>A device answers the call ringing at another device (directed pickup).</summary>
    public void Pickup(string pickingDevice, string ringingDevice) => _engine.Pickup(pickingDevice, ringingDevice);

    /// <summary>The user of a ringing device refuses the call.</summary>
    public void Reject(string device) => _engine.Reject(device);

    /// <summary>Answers the call ringing at the device.</summary>
    public void Answer(string device) => _engine.Answer(device);

    /// <summary>The external party of an outgoing call answers.</summary>
    public void AnswerExternal(string callId) => _engine.AnswerExternal(callId);

    /// <summary>Clears the device's call.</summary>
    public void Hangup(string device) => _engine.Hangup(device);

    /// <summary>The external party of a call hangs up.</summary>
    public void HangupExternal(string callId) => _engine.HangupExternal(callId);

    public void SetDoNotDisturb(string device, bool on) => _engine.SetDoNotDisturb(device, on);

    public void SetUserPresence(string device, PbxUserPresence presence) => _engine.SetUserPresence(device, presence);

    public void SetInService(string device, bool inService) => _engine.SetInService(device, inService);

    public void SetCloudLinkRole(string device, bool cloudLinkRole) => _engine.SetCloudLinkRole(device, cloudLinkRole);

    /// <summary>
    /// Fault: closes every CSTA connection, as a dropped link would, and blocks until they are closed.
    /// Async code should call <see cref="DropAllConnectionsAsync"/> instead.
    /// </summary>
    public void DropAllConnections() => _server.DropAllConnectionsAsync().GetAwaiter().GetResult();

    public Task DropAllConnectionsAsync() => _server.DropAllConnectionsAsync();

    public DeviceInfo GetDevice(string device) => _engine.GetDevice(device);

    public IReadOnlyList<DeviceInfo> GetDevices() => _engine.GetDevices();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _engine.Dispose();
    }

    private static CstaServerSettings Validate(PbxSimulatorOptions options)
    {
        var profile = options.Profile ?? throw new ArgumentException("PbxSimulatorOptions.Profile is missing. Use one of PbxProfiles.All.", nameof(options));
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"CSTA port {options.Port} is invalid. Use 0 (ephemeral) to 65535.", nameof(options));
        }

        var licences = options.MonitorLicences ?? profile.MonitorLicences;
        if (licences < 0)
        {
            throw new ArgumentException($"Monitor licences {licences} is invalid. Use 0 or more.", nameof(options));
        }

        if (options.NoAnswerTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"No-answer timeout {options.NoAnswerTimeout} is invalid. Use a positive duration.", nameof(options));
        }

        var heartbeat = options.HeartbeatInterval ?? profile.HeartbeatInterval;
        if (heartbeat <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Heartbeat interval {heartbeat} is invalid. Use a positive duration.", nameof(options));
        }

        if (options.TraceCapacity < 1)
        {
            throw new ArgumentException($"Trace capacity {options.TraceCapacity} is invalid. Use 1 or more.", nameof(options));
        }

        return new CstaServerSettings(
            options.Bind, options.Port, profile.CstaEdition, options.SpeaksFirst ?? profile.SpeaksFirst, licences, heartbeat, options.TraceCapacity);
    }
}
