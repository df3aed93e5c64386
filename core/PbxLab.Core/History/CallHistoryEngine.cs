using System.Text.Json;
using System.Text.Json.Serialization;
using PbxLab.Core.Links;
using PbxLab.Csta.Messages;

namespace PbxLab.Core.History;

/// <summary>
/// Turns the CSTA call events and snapshots of monitored devices into one <see cref="CallRecord"/>
/// per call per monitored user, emitted when that user's part of the call ends. Pure: no I/O and
/// not thread-safe (the caller serialises calls). CSTA events carry no timestamps, so the time an
/// event is applied, from the injected <see cref="TimeProvider"/>, is its time.
/// </summary>
public sealed partial class CallHistoryEngine
{
    /// <summary>Completed record ids and call keys remembered per link, so a replayed call is not recorded twice.</summary>
    public const int DefaultRememberedRecordsPerLink = 10_000;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly CallHistoryDirectory _directory;
    private readonly TimeProvider _timeProvider;
    private readonly int _rememberedPerLink;
    private readonly Dictionary<string, OpenCall> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecentKeys> _completed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _persisted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _resyncStartedAt = new(StringComparer.Ordinal);
    private long _stepNumber;

    public CallHistoryEngine(CallHistoryDirectory directory, TimeProvider timeProvider, int rememberedRecordsPerLink = DefaultRememberedRecordsPerLink)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(rememberedRecordsPerLink, 1);
        _directory = directory;
        _timeProvider = timeProvider;
        _rememberedPerLink = rememberedRecordsPerLink;
    }

    /// <summary>Calls some monitored user is still in.</summary>
    public IReadOnlyCollection<OpenCall> OpenCalls => _open.Values;

    /// <summary>Applies one call event of a monitored device; events of devices no user owns change nothing.</summary>
    public CallHistoryStep Apply(string link, string deviceId, CstaEvent cstaEvent)
    {
        ArgumentNullException.ThrowIfNull(cstaEvent);
        if (_directory.UserOf(link, deviceId) is not { } userEmail)
        {
            return CallHistoryStep.Empty;
        }

        var step = new StepBuilder(this);
        var device = new DeviceContext(link, CstaDeviceId.ExtractDirectoryNumber(deviceId), userEmail, _timeProvider.GetUtcNow());
        step.Number = ++_stepNumber;
        ApplyEvent(step, device, cstaEvent);
        return step.Build();
    }

    /// <summary>
    /// Applies a SnapshotDevice result: a listed call the engine has no state for is opened as
    /// first seen now, and an open call the snapshot no longer lists is closed now.
    /// </summary>
    public CallHistoryStep ApplySnapshot(string link, string deviceId, IReadOnlyList<DeviceCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (_directory.UserOf(link, deviceId) is not { } userEmail)
        {
            return CallHistoryStep.Empty;
        }

        var step = new StepBuilder(this);
        var device = new DeviceContext(link, CstaDeviceId.ExtractDirectoryNumber(deviceId), userEmail, _timeProvider.GetUtcNow());
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            if (call.LocalConnectionState is LocalConnectionState.Null)
            {
                continue;
            }

            listed.Add(call.CallId);
            ApplySnapshotCall(step, device, call);
        }

        var resyncStartedAt = _resyncStartedAt.GetValueOrDefault(device.Link, long.MaxValue);
        var ended = _open.Values
            .Where(open => open.Link == device.Link && open.DeviceId == device.DeviceId && !listed.Contains(open.CallId))
            .Where(open => open.LastStep <= resyncStartedAt)
            .ToList();
        foreach (var open in ended)
        {
            Close(step, device, open, OutcomeWhenEnded(open, cause: null, droppedHere: false));
        }

        return step.Build();
    }

    /// <summary>
    /// Marks the start of a link's resynchronisation (its monitors are being started, snapshots
    /// follow). A later snapshot then closes only calls with no event since this point, because
    /// a call that started while its snapshot was in flight may be missing from the snapshot.
    /// </summary>
    /// <remarks>
    /// It also clears the link's completed calls. They only guard against late events of those
    /// calls, and a new connection carries none. A PBX that restarted, however, reuses callIDs for
    /// new calls.
    /// </remarks>
    public void BeginResync(string link)
    {
        _resyncStartedAt[link] = ++_stepNumber;
        _completed.Remove(link);
    }

    /// <summary>Serialises an open call for <see cref="ICallHistoryStore.SaveOpenCallAsync"/>; the key is its record id.</summary>
    public static OpenCallState ToState(OpenCall open) =>
        new(open.RecordId, open.UserEmail, JsonSerializer.Serialize(open, JsonOptions));

    /// <summary>
    /// Continues an open call saved before a restart. Returns false, with the reason, when the
    /// state is not valid JSON of an open call.
    /// </summary>
    public bool TryRestore(OpenCallState state, out string? error)
    {
        ArgumentNullException.ThrowIfNull(state);
        OpenCall? open;
        try
        {
            open = JsonSerializer.Deserialize<OpenCall>(state.State, JsonOptions);
        }
        catch (JsonException exception)
        {
            error = $"Open call {state.Key} of {state.UserEmail} has invalid state JSON: {exception.Message}";
            return false;
        }

        if (open is null)
        {
            error = $"Open call {state.Key} of {state.UserEmail} has the JSON value null as its state.";
            return false;
        }

        _open[KeyOf(open.Link, open.DeviceId, open.CallId)] = open;
        _persisted.Add(open.RecordId);
        error = null;
        return true;
    }

    /// <summary>
    /// Drops a restored open call whose record the store already holds, and remembers its ids so
    /// that a late event of the call starts no new record. Returns false when the engine has no
    /// such open call.
    /// </summary>
    public bool DiscardRecorded(OpenCall open)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (!_open.Remove(KeyOf(open.Link, open.DeviceId, open.CallId)))
        {
            return false;
        }

        _persisted.Remove(open.RecordId);
        RememberCompleted(open);
        return true;
    }

    private void ApplySnapshotCall(StepBuilder step, DeviceContext device, DeviceCall call)
    {
        var state = call.LocalConnectionState;
        var direction = state switch
        {
            LocalConnectionState.Alerting => CallDirection.Incoming,
            LocalConnectionState.Initiated or LocalConnectionState.Fail => CallDirection.Outgoing,
            _ => (CallDirection?)null,
        };

        if (Open(step, device, call.CallId, direction) is not { } open)
        {
            return;
        }

        // A call found connected or on hold was answered before the engine saw it, so the time
        // it was first seen is used as the answer time.
        if (state is null or LocalConnectionState.Connected or LocalConnectionState.Hold)
        {
            open.AnsweredAt ??= device.Now;
        }

        if (state is LocalConnectionState.Fail && open.AnsweredAt is null)
        {
            open.DecidedOutcome ??= CallOutcome.Failed;
        }
    }

    // Finds the open call of the device with the callID, or opens it as first seen now. Returns
    // null for a call whose record this device already completed, so a replay adds nothing.
    private OpenCall? Open(StepBuilder step, DeviceContext device, string? callId, CallDirection? direction)
    {
        if (callId is null)
        {
            return null;
        }

        if (Find(device, callId) is { } existing)
        {
            existing.Direction ??= direction;
            step.Touch(existing);
            return existing;
        }

        var completed = CompletedOf(device.Link);
        if (completed.Contains(CallKey(device.DeviceId, callId))
            || completed.Contains(UserCallKey(device.UserEmail, callId)))
        {
            return null;
        }

        var open = new OpenCall
        {
            Link = device.Link,
            DeviceId = device.DeviceId,
            UserEmail = device.UserEmail,
            FirstCallId = callId,
            CallId = callId,
            Direction = direction,
            StartedAt = device.Now,
        };
        _open[KeyOf(device.Link, device.DeviceId, callId)] = open;
        step.Touch(open);
        return open;
    }

    private OpenCall? Find(DeviceContext device, string? callId) =>
        callId is not null && _open.TryGetValue(KeyOf(device.Link, device.DeviceId, callId), out var open) ? open : null;

    // Gives an open call the callID its call has after a transfer or conference.
    private void Rekey(DeviceContext device, OpenCall open, string newCallId)
    {
        if (open.CallId == newCallId)
        {
            return;
        }

        _open.Remove(KeyOf(open.Link, open.DeviceId, open.CallId));
        CompletedOf(device.Link).Add(CallKey(device.DeviceId, open.CallId));
        open.CallId = newCallId;
        _open[KeyOf(open.Link, open.DeviceId, newCallId)] = open;
    }

    // Ends the user's part of the call: emits its record and remembers its ids.
    private void Close(StepBuilder step, DeviceContext device, OpenCall open, CallOutcome outcome)
    {
        _open.Remove(KeyOf(open.Link, open.DeviceId, open.CallId));
        Forget(step, device, open);

        var remote = open.RemoteNumber;
        step.Complete(new CallRecord
        {
            RecordId = open.RecordId,
            UserEmail = open.UserEmail,
            Link = open.Link,
            CallId = open.FirstCallId,

            // NOTE: a call first seen in a state that shows no direction (connected, held) is
            // recorded as incoming.
            Direction = open.Direction ?? CallDirection.Incoming,
            LocalDevice = open.DeviceId,
            RemoteNumber = remote,
            IsInternal = remote is not null && _directory.IsPbxDevice(open.Link, remote),
            StartedAt = open.StartedAt,
            AnsweredAt = open.AnsweredAt,
            EndedAt = device.Now,
            Outcome = outcome,
        });
    }

    // Drops an open call without a record of its own (a consultation call merged into a conference).
    private void Merge(StepBuilder step, DeviceContext device, OpenCall open)
    {
        _open.Remove(KeyOf(open.Link, open.DeviceId, open.CallId));
        Forget(step, device, open);
    }

    private void Forget(StepBuilder step, DeviceContext device, OpenCall open)
    {
        RememberCompleted(open);
        step.Remove(open);
    }

    private void RememberCompleted(OpenCall open)
    {
        var completed = CompletedOf(open.Link);
        completed.Add(UserCallKey(open.UserEmail, open.FirstCallId));
        completed.Add(CallKey(open.DeviceId, open.CallId));
        completed.Add(CallKey(open.DeviceId, open.FirstCallId));
    }

    private static CallOutcome OutcomeWhenEnded(OpenCall open, EventCause? cause, bool droppedHere)
    {
        if (open.DecidedOutcome is { } decided)
        {
            return decided;
        }

        if (open.AnsweredAt is not null)
        {
            return open.ReachedByTransfer ? CallOutcome.TransferredIn : CallOutcome.Answered;
        }

        // NOTE: an outgoing call that ends before anyone answers (the caller gave up) counts as
        // Failed, because CallOutcome has no outcome for an abandoned outgoing call.
        if (open.Direction is CallDirection.Outgoing)
        {
            return CallOutcome.Failed;
        }

        // NOTE: ECMA-269 has no cause for a rejected call. A ringing connection cleared at the
        // user's own device with cause busy or doNotDisturb is taken as the user's rejection.
        return droppedHere && cause is EventCause.Busy or EventCause.DoNotDisturb
            ? CallOutcome.Rejected
            : CallOutcome.Missed;
    }

    private RecentKeys CompletedOf(string link)
    {
        if (!_completed.TryGetValue(link, out var keys))
        {
            // Each completed record leaves up to three keys: its user and callID, and two call keys.
            keys = new RecentKeys(_rememberedPerLink * 3);
            _completed[link] = keys;
        }

        return keys;
    }

    private static string KeyOf(string link, string deviceId, string callId) => $"{link}\n{deviceId}\n{callId}";

    private static string CallKey(string deviceId, string callId) => $"call\n{deviceId}\n{callId}";

    private static string UserCallKey(string userEmail, string callId) => $"user\n{userEmail.ToLowerInvariant()}\n{callId}";

    private readonly record struct DeviceContext(string Link, string DeviceId, string UserEmail, DateTimeOffset Now)
    {
        public bool Is(string? deviceIdentifier) =>
            deviceIdentifier is not null && CstaDeviceId.ExtractDirectoryNumber(deviceIdentifier) == DeviceId;

        public bool Is(ExtendedDeviceId? device) => Is(device?.DeviceIdentifier);
    }

    // Collects what a step changed; open calls are serialised once, at the end of the step.
    private sealed class StepBuilder(CallHistoryEngine engine)
    {
        private readonly List<CallRecord> _completed = [];
        private readonly List<OpenCall> _touched = [];
        private readonly List<string> _removed = [];

        /// <summary>Number of an event step, recorded in the calls it touches; 0 for a snapshot step.</summary>
        public long Number { get; set; }

        public void Touch(OpenCall open)
        {
            if (Number > 0)
            {
                open.LastStep = Number;
            }

            if (!_touched.Contains(open))
            {
                _touched.Add(open);
            }
        }

        public void Complete(CallRecord record) => _completed.Add(record);

        public void Remove(OpenCall open)
        {
            _touched.Remove(open);
            if (engine._persisted.Remove(open.RecordId))
            {
                _removed.Add(open.RecordId);
            }
        }

        public CallHistoryStep Build()
        {
            if (_completed.Count == 0 && _touched.Count == 0 && _removed.Count == 0)
            {
                return CallHistoryStep.Empty;
            }

            var saved = new List<OpenCallState>(_touched.Count);
            foreach (var open in _touched)
            {
                engine._persisted.Add(open.RecordId);
                saved.Add(ToState(open));
            }

            return new CallHistoryStep(_completed, saved, _removed);
        }
    }
}
