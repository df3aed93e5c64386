using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>
/// Devices, a trunk and two-party calls of one emulated PBX, free of sockets. One lock guards all
/// state, and observers run inside it, so every observer sees events in the order they happened.
/// Observers must not block; they may not call back into the engine.
/// </summary>
public sealed partial class PbxEngine : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PbxDevice> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PbxCall> _calls = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private Action<PbxEvent>[] _observers = [];
    private long _lastCallNumber;
    private bool _disposed;

    public PbxEngine(PbxProfile profile, TimeProvider timeProvider, TimeSpan noAnswerTimeout, ILogger<PbxEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(noAnswerTimeout, TimeSpan.Zero);

        Profile = profile;
        NoAnswerTimeout = noAnswerTimeout;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger<PbxEngine>.Instance;
    }

    public PbxProfile Profile { get; }

    /// <summary>How long a call may ring before the switch clears it with cause callNotAnswered.</summary>
    public TimeSpan NoAnswerTimeout { get; }

    public int DeviceCount
    {
        get
        {
            lock (_lock)
            {
                return _devices.Count;
            }
        }
    }

    /// <summary>Adds an observer that receives every event from now on, in order; dispose the result to remove it.</summary>
    public IDisposable Subscribe(Action<PbxEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_lock)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(this, observer);
    }

    /// <summary>Adds a device; throws when the number is taken, invalid, or the profile's device limit is reached.</summary>
    public DeviceInfo AddDevice(string directoryNumber, string? owner = null, string? displayName = null, bool cloudLinkRole = true)
    {
        if (!IsDialable(directoryNumber))
        {
            throw new PbxOperationException(
                PbxFailure.InvalidNumber,
                $"Directory number '{directoryNumber}' is invalid. Use digits only, for example 200.");
        }

        lock (_lock)
        {
            if (_devices.ContainsKey(directoryNumber))
            {
                throw new PbxOperationException(
                    PbxFailure.DuplicateDevice,
                    $"Device {directoryNumber} already exists. Use another directory number.");
            }

            if (_devices.Count >= Profile.MaxDevices)
            {
                throw new PbxOperationException(
                    PbxFailure.DeviceLimitReached,
                    $"Device {directoryNumber} cannot be added: profile {Profile.Name} ({Profile.DisplayName}) " +
                    $"allows at most {Profile.MaxDevices} devices.");
            }

            if (directoryNumber.StartsWith(Profile.DialPlan.TrunkAccessCode, StringComparison.Ordinal))
            {
                throw new PbxOperationException(
                    PbxFailure.InvalidNumber,
                    $"Directory number '{directoryNumber}' starts with the trunk access code " +
                    $"'{Profile.DialPlan.TrunkAccessCode}' of profile {Profile.Name}. Use a number that does not.");
            }

            var device = new PbxDevice(directoryNumber, owner, displayName, cloudLinkRole);
            _devices.Add(directoryNumber, device);
            Log.DeviceAdded(_logger, directoryNumber, owner, cloudLinkRole);
            return ToInfo(device);
        }
    }

    public DeviceInfo GetDevice(string directoryNumber)
    {
        lock (_lock)
        {
            return ToInfo(Find(directoryNumber));
        }
    }

    public bool TryGetDevice(string directoryNumber, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DeviceInfo? device)
    {
        lock (_lock)
        {
            device = _devices.TryGetValue(directoryNumber, out var found) ? ToInfo(found) : null;
            return device is not null;
        }
    }

    /// <summary>Returns every device, ordered by directory number.</summary>
    public IReadOnlyList<DeviceInfo> GetDevices()
    {
        lock (_lock)
        {
            return [.. _devices.Values.OrderBy(d => d.DirectoryNumber, StringComparer.Ordinal).Select(ToInfo)];
        }
    }

    public void SetCloudLinkRole(string directoryNumber, bool cloudLinkRole)
    {
        lock (_lock)
        {
            Find(directoryNumber).CloudLinkRole = cloudLinkRole;
        }
    }

    public void SetDoNotDisturb(string directoryNumber, bool on)
    {
        lock (_lock)
        {
            var device = Find(directoryNumber);
            if (device.DoNotDisturb == on)
            {
                return;
            }

            device.DoNotDisturb = on;
            Raise(new DoNotDisturbChanged(device.DirectoryNumber, on));
        }
    }

    /// <summary>Sets the PBX user presence; throws on profiles without user presence.</summary>
    public void SetUserPresence(string directoryNumber, PbxUserPresence presence)
    {
        if (!Enum.IsDefined(presence))
        {
            throw new ArgumentOutOfRangeException(nameof(presence), presence, "Unknown PBX user presence.");
        }

        lock (_lock)
        {
            var device = Find(directoryNumber);
            if (!Profile.SupportsUserPresence)
            {
                throw new PbxOperationException(
                    PbxFailure.NotSupportedByProfile,
                    $"Device {directoryNumber} cannot take PBX user presence {presence}: profile {Profile.Name} " +
                    "has no user presence, only line state.");
            }

            if (device.UserPresence == presence)
            {
                return;
            }

            device.UserPresence = presence;
            Raise(new UserPresenceChanged(device.DirectoryNumber, presence));
        }
    }

    /// <summary>Takes a device out of service or back; taking it out clears its call first, as unplugging a phone does.</summary>
    public void SetInService(string directoryNumber, bool inService)
    {
        lock (_lock)
        {
            var device = Find(directoryNumber);
            if (device.InService == inService)
            {
                return;
            }

            while (!inService && device.Calls.LastOrDefault() is { } call)
            {
                Clear(call, call.PartyOf(device)!, PbxCallCause.NormalClearing);
            }

            device.InService = inService;
            Raise(new ServiceStateChanged(device.DirectoryNumber, inService));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var call in _calls.Values)
            {
                call.NoAnswerTimer?.Dispose();
            }

            _calls.Clear();
            _observers = [];
        }
    }

    private PbxDevice Find(string directoryNumber)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (directoryNumber is not null && _devices.TryGetValue(directoryNumber, out var device))
        {
            return device;
        }

        throw new PbxOperationException(
            PbxFailure.UnknownDevice,
            $"Device '{directoryNumber}' is not known to profile {Profile.Name}. Add it first.");
    }

    private void Raise(PbxEvent pbxEvent)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer(pbxEvent);
            }
            catch (Exception exception)
            {
                // An observer failure (a closed socket, a bug in a test) must not leave a call half-changed.
                Log.ObserverFailed(_logger, exception, pbxEvent.DeviceId, pbxEvent.GetType().Name);
            }
        }
    }

    private static DeviceInfo ToInfo(PbxDevice device) => new(
        device.DirectoryNumber,
        device.Owner,
        device.DisplayName,
        device.CloudLinkRole,
        device.DoNotDisturb,
        device.UserPresence,
        device.InService,
        [.. device.Calls.Select(call => call.ToInfo(device))]);

    private static bool IsDialable(string? number) =>
        !string.IsNullOrEmpty(number) && number.Length <= 32 && number.All(char.IsAsciiDigit);

    private sealed class Subscription(PbxEngine engine, Action<PbxEvent> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (engine._lock)
            {
                engine._observers = [.. engine._observers.Where(o => !ReferenceEquals(o, observer))];
            }
        }
    }
}
