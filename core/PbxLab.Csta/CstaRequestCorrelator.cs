using System.Collections.Concurrent;
using System.Globalization;
using PbxLab.Csta.Messages;

namespace PbxLab.Csta;

/// <summary>A request sent and waiting: its invoke id and the task that completes with its response.</summary>
public sealed record CstaPendingRequest(int InvokeId, CstaRequest Request, Task<CstaResponse> Response);

/// <summary>
/// Client-side table of pending requests keyed by invoke id. Each completes with the positive
/// response or a <see cref="CstaErrorCode"/>, fails with <see cref="CstaRequestTimeoutException"/>
/// after the timeout (measured on the injected <see cref="TimeProvider"/>), or fails with
/// <see cref="CstaConnectionLostException"/> when the connection goes. Thread-safe.
/// </summary>
public sealed class CstaRequestCorrelator : IDisposable
{
    private readonly ConcurrentDictionary<int, Pending> _pending = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;
    private readonly InvokeIdSequence _invokeIds;

    public CstaRequestCorrelator(TimeProvider timeProvider, TimeSpan timeout, InvokeIdSequence? invokeIds = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeProvider = timeProvider;
        _timeout = timeout;
        _invokeIds = invokeIds ?? new InvokeIdSequence();
    }

    /// <summary>Invoke ids of the requests still waiting, in ascending order.</summary>
    public IReadOnlyList<int> PendingInvokeIds => _pending.Keys.Order().ToArray();

    /// <summary>
    /// Registers <paramref name="request"/> under a fresh invoke id, skipping ids still pending after
    /// a wrap-around, and starts its timeout. Send the request with the returned invoke id.
    /// </summary>
    public CstaPendingRequest Begin(CstaRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        for (var attempt = 0; attempt <= InvokeIdSequence.Last; attempt++)
        {
            var invokeId = _invokeIds.Next();
            var pending = new Pending(invokeId, request);
            if (!_pending.TryAdd(invokeId, pending))
            {
                continue;
            }

            pending.Timer = _timeProvider.CreateTimer(OnTimeout, pending, _timeout, Timeout.InfiniteTimeSpan);
            return new CstaPendingRequest(invokeId, request, pending.Completion.Task);
        }

        throw new InvalidOperationException($"All {InvokeIdSequence.Last} invoke ids are pending; no request can be sent until responses arrive.");
    }

    /// <summary>Completes the request with this invoke id; false when none is pending (late or unsolicited).</summary>
    public bool TryComplete(int invokeId, CstaResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!_pending.TryRemove(invokeId, out var pending))
        {
            return false;
        }

        pending.Timer?.Dispose();
        return pending.Completion.TrySetResult(response);
    }

    /// <summary>Fails the request with this invoke id (its response was undecodable, or it could not be sent); false when none is pending.</summary>
    public bool TryFail(int invokeId, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (!_pending.TryRemove(invokeId, out var pending))
        {
            return false;
        }

        pending.Timer?.Dispose();
        return pending.Completion.TrySetException(exception);
    }

    /// <summary>Fails every pending request with <see cref="CstaConnectionLostException"/> naming <paramref name="reason"/> and the pending ids.</summary>
    public void FailAll(string reason)
    {
        var ids = PendingInvokeIds;
        foreach (var invokeId in ids)
        {
            if (_pending.TryRemove(invokeId, out var pending))
            {
                pending.Timer?.Dispose();
                pending.Completion.TrySetException(new CstaConnectionLostException(reason, ids));
            }
        }
    }

    public void Dispose() => FailAll("The request correlator was disposed.");

    private void OnTimeout(object? state)
    {
        var pending = (Pending)state!;
        if (_pending.TryRemove(new KeyValuePair<int, Pending>(pending.InvokeId, pending)))
        {
            pending.Timer?.Dispose();
            pending.Completion.TrySetException(
                new CstaRequestTimeoutException(pending.InvokeId, CstaRequestNames.Of(pending.Request), _timeout));
        }
    }

    private sealed class Pending(int invokeId, CstaRequest request)
    {
        public int InvokeId { get; } = invokeId;

        public CstaRequest Request { get; } = request;

        public TaskCompletionSource<CstaResponse> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ITimer? Timer { get; set; }
    }
}

/// <summary>A request got no response within its timeout.</summary>
public sealed class CstaRequestTimeoutException(int invokeId, string requestName, TimeSpan timeout)
    : TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{requestName} with invoke id {invokeId:D4} got no response within {timeout.TotalSeconds:0.###} s."))
{
    public int InvokeId { get; } = invokeId;

    public string RequestName { get; } = requestName;
}

/// <summary>The connection closed while requests were pending.</summary>
public sealed class CstaConnectionLostException(string reason, IReadOnlyList<int> pendingInvokeIds)
    : IOException(string.Create(CultureInfo.InvariantCulture, $"{reason} Pending invoke ids: {(pendingInvokeIds.Count == 0 ? "none" : string.Join(", ", pendingInvokeIds.Select(id => id.ToString("D4", CultureInfo.InvariantCulture))))}."))
{
    public IReadOnlyList<int> PendingInvokeIds { get; } = pendingInvokeIds;
}

internal static class CstaRequestNames
{
    public static string Of(CstaMessage message) => Xml.CstaXmlCodec.GetElementName(message);
}
