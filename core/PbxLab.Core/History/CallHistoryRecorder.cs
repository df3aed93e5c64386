using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PbxLab.Core.Links;
using PbxLab.Core.Presence;
using PbxLab.Core.Storage;
using PbxLab.Csta.Messages;

namespace PbxLab.Core.History;

/// <summary>
/// Records call history from a PBX link: feeds the link's call events and snapshots to a
/// <see cref="CallHistoryEngine"/>, resolves the remote party of each completed record and writes
/// records and open calls to the store. Writes run in order on one background task and are
/// retried with doubling back-off, so the link's thread never waits for the store.
/// </summary>
public sealed class CallHistoryRecorder : IPbxLinkSink, IAsyncDisposable
{
    private readonly CallHistoryRecorderOptions _options;
    private readonly ICallHistoryStore _store;
    private readonly IRemotePartyResolver _resolver;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CallHistoryEngine _engine;
    private readonly Lock _engineLock = new();
    private readonly Channel<StoreWork> _work = Channel.CreateUnbounded<StoreWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private Task _writer = Task.CompletedTask;

    private CallHistoryRecorder(
        CallHistoryRecorderOptions options,
        ICallHistoryStore store,
        IRemotePartyResolver resolver,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        _options = options;
        _store = store;
        _resolver = resolver;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<CallHistoryRecorder>();
        var directory = new CallHistoryDirectory(options.Devices, options.PbxDevices);
        _engine = new CallHistoryEngine(directory, timeProvider, options.RememberedRecordsPerLink);
    }

    /// <summary>Raised on the writer task after a record was stored.</summary>
    public event Action<CallRecord>? RecordStored;

    /// <summary>
    /// Migrates the store, restores the open calls saved before a restart (except those whose record
    /// is already stored) and starts the writer.
    /// </summary>
    public static async Task<CallHistoryRecorder> StartAsync(
        CallHistoryRecorderOptions options,
        ICallHistoryStore store,
        IRemotePartyResolver resolver,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (options.InitialRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.InitialRetryDelay)
        {
            throw new ArgumentException(
                $"Call history retry delays {options.InitialRetryDelay} to {options.MaxRetryDelay} are invalid; both must be positive and the maximum at least the initial delay.",
                nameof(options));
        }

        var recorder = new CallHistoryRecorder(options, store, resolver, timeProvider, loggerFactory);
        await store.MigrateAsync(cancellationToken);

        var restored = 0;
        foreach (var state in await store.LoadOpenCallsAsync(cancellationToken))
        {
            if (recorder._engine.TryRestore(state, out var error))
            {
                restored++;
            }
            else
            {
                CallHistoryLog.RestoreFailed(recorder._logger, error!);
            }
        }

        restored -= await recorder.DiscardRecordedCallsAsync(cancellationToken);
        recorder._writer = Task.Run(recorder.WriteLoopAsync, CancellationToken.None);
        CallHistoryLog.Started(recorder._logger, options.Devices.Count, restored);
        return recorder;
    }

    /// <summary>Calls some monitored user is still in (a copy, for diagnostics and tests).</summary>
    public IReadOnlyList<OpenCall> OpenCalls
    {
        get
        {
            lock (_engineLock)
            {
                return _engine.OpenCalls.ToList();
            }
        }
    }

    public void OnCallEvent(string linkName, string deviceId, CstaEvent cstaEvent) =>
        Apply(linkName, deviceId, cstaEvent.GetType().Name, () => _engine.Apply(linkName, deviceId, cstaEvent));

    public void OnDeviceSnapshot(string linkName, string deviceId, IReadOnlyList<DeviceCall> calls) =>
        Apply(linkName, deviceId, "SnapshotDeviceResponse", () => _engine.ApplySnapshot(linkName, deviceId, calls));

    // The link starts its monitors in the Monitoring phase and snapshots the devices after them.
    void IPbxLinkSink.OnLinkPhaseChanged(string linkName, PbxLinkPhase phase, string? reason)
    {
        if (phase != PbxLinkPhase.Monitoring)
        {
            return;
        }

        lock (_engineLock)
        {
            _engine.BeginResync(linkName);
        }
    }

    void IPbxLinkSink.OnMonitorStarted(string linkName, string deviceId, string monitorCrossRefId)
    {
    }

    void IPbxLinkSink.OnMonitorRefused(string linkName, string deviceId, string errorCategory, string errorValue)
    {
    }

    void IPbxLinkSink.OnLineStateChanged(string linkName, string deviceId, LineState lineState)
    {
    }

    void IPbxLinkSink.OnUserPresenceChanged(string linkName, string deviceId, PbxUserPresence presence)
    {
    }

    /// <summary>Waits until every write queued before this call has been stored (or dropped on stop).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_work.Writer.TryWrite(new FlushWork(flushed)))
        {
            return;
        }

        await flushed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking events, writes what is queued (each write once more, without retries) and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_work.Writer.TryComplete())
        {
            return;
        }

        await _stopping.CancelAsync();
        await _writer;
        _stopping.Dispose();
    }

    // A saved open call whose record is already stored is left from a stop between storing the
    // record and deleting the open call. Continuing it would end the call a second time, at the
    // resync after this start, and replace the record's end time and outcome.
    private async Task<int> DiscardRecordedCallsAsync(CancellationToken cancellationToken)
    {
        var discarded = 0;
        foreach (var open in _engine.OpenCalls.ToList())
        {
            if (!await IsRecordedAsync(open, cancellationToken))
            {
                continue;
            }

            _engine.DiscardRecorded(open);
            await _store.DeleteOpenCallAsync(open.RecordId, cancellationToken);
            CallHistoryLog.RecordedOpenCallDiscarded(_logger, open.RecordId, open.UserEmail, open.CallId);
            discarded++;
        }

        return discarded;
    }

    // The record has the open call's start time, which the store keeps to the millisecond (SQLite)
    // or microsecond (PostgreSQL), so a window of a second around it finds the record. The window
    // also keeps out the record of an earlier call whose callID the PBX has since reused.
    private async Task<bool> IsRecordedAsync(OpenCall open, CancellationToken cancellationToken)
    {
        var margin = TimeSpan.FromSeconds(1);
        var query = new CallHistoryQuery(open.UserEmail, open.StartedAt - margin, open.StartedAt + margin, CallHistoryQueryRules.MaxPageSize, null);
        var page = await _store.QueryAsync(query, cancellationToken);
        return page.Records.Any(record => record.RecordId == open.RecordId);
    }

    private void Apply(string linkName, string deviceId, string eventName, Func<CallHistoryStep> apply)
    {
        CallHistoryStep step;
        try
        {
            lock (_engineLock)
            {
                step = apply();
            }
        }
        catch (Exception exception)
        {
            CallHistoryLog.ApplyFailed(_logger, eventName, deviceId, linkName, exception);
            return;
        }

        // Open calls are saved before records are stored and deleted after, so a crash in
        // between leaves a call to finish rather than one lost.
        foreach (var saved in step.Saved)
        {
            _work.Writer.TryWrite(new SaveWork(saved));
        }

        foreach (var record in step.Completed)
        {
            _work.Writer.TryWrite(new UpsertWork(record));
        }

        foreach (var key in step.Removed)
        {
            _work.Writer.TryWrite(new DeleteWork(key, step.Completed.FirstOrDefault(record => record.RecordId == key)?.UserEmail ?? "-"));
        }
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync())
        {
            switch (work)
            {
                case FlushWork flush:
                    flush.Done.TrySetResult();
                    break;
                case SaveWork save:
                    await WriteAsync("SaveOpenCall", save.State.Key, save.State.UserEmail, token => _store.SaveOpenCallAsync(save.State.Key, save.State.UserEmail, save.State.State, token));
                    break;
                case DeleteWork delete:
                    await WriteAsync("DeleteOpenCall", delete.Key, delete.UserEmail, token => _store.DeleteOpenCallAsync(delete.Key, token));
                    break;
                case UpsertWork upsert:
                    await StoreRecordAsync(upsert.Record);
                    break;
            }
        }
    }

    private async Task StoreRecordAsync(CallRecord completed)
    {
        var record = Resolve(completed);
        var isNew = false;
        var stored = await WriteAsync("Upsert", record.RecordId, record.UserEmail, async token => isNew = await _store.UpsertAsync(record, token));
        if (!stored)
        {
            return;
        }

        if (isNew)
        {
            CallHistoryLog.RecordStored(_logger, record.RecordId, record.UserEmail, record.CallId, record.Link, record.Direction, record.Outcome);
        }
        else
        {
            CallHistoryLog.RecordReplaced(_logger, record.RecordId, record.UserEmail, record.CallId);
        }

        try
        {
            RecordStored?.Invoke(record);
        }
        catch (Exception exception)
        {
            CallHistoryLog.RecordStoredHandlerFailed(_logger, record.RecordId, exception);
        }
    }

    private CallRecord Resolve(CallRecord record)
    {
        if (record.RemoteNumber is not { } number)
        {
            return record;
        }

        try
        {
            var party = _resolver.Resolve(record.UserEmail, record.Link, number, record.IsInternal);
            return record with { RemoteNumberE164 = party.E164, RemoteName = party.Name, RemoteNameSource = party.Source };
        }
        catch (Exception exception)
        {
            CallHistoryLog.ResolveFailed(_logger, record.RecordId, record.UserEmail, record.CallId, exception);
            return record;
        }
    }

    // Retries a failed write with doubling back-off until it succeeds; once the recorder is
    // stopping, a failed write is logged and dropped. Returns whether the write succeeded.
    private async Task<bool> WriteAsync(string operation, string key, string userEmail, Func<CancellationToken, Task> write)
    {
        var delay = _options.InitialRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write(CancellationToken.None);
                return true;
            }
            catch (Exception exception)
            {
                if (_stopping.IsCancellationRequested)
                {
                    CallHistoryLog.WriteDropped(_logger, operation, key, userEmail, attempt, exception);
                    return false;
                }

                CallHistoryLog.WriteFailed(_logger, operation, key, userEmail, attempt, delay.TotalSeconds, exception);
            }

            try
            {
                await Task.Delay(delay, _timeProvider, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the loop makes one last attempt.
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
        }
    }

    private abstract record StoreWork;

    private sealed record SaveWork(OpenCallState State) : StoreWork;

    private sealed record DeleteWork(string Key, string UserEmail) : StoreWork;

    private sealed record UpsertWork(CallRecord Record) : StoreWork;

    private sealed record FlushWork(TaskCompletionSource Done) : StoreWork;
}
