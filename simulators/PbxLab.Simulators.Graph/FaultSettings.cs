namespace PbxLab.Simulators.Graph;

/// <summary>
/// Fault switches of the fake Graph. Throttling rejects Graph requests (under /v1.0, not the token
/// endpoint) with 429 TooManyRequests and a Retry-After header in whole seconds. Thread-safe.
/// </summary>
public sealed class FaultSettings
{
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private int _throttleRemaining;
    private DateTimeOffset _throttleUntil = DateTimeOffset.MinValue;
    private TimeSpan _retryAfter = TimeSpan.FromSeconds(5);

    internal FaultSettings(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <summary>Retry-After sent with a 429 unless a throttle call gives its own; rounded up to whole seconds.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Rejects the next <paramref name="count"/> Graph requests with 429.</summary>
    public void ThrottleNext(int count, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _throttleRemaining = count;
            _retryAfter = retryAfter ?? DefaultRetryAfter;
        }
    }

    /// <summary>Rejects every Graph request with 429 until the clock passes <paramref name="until"/>.</summary>
    public void ThrottleUntil(DateTimeOffset until, TimeSpan? retryAfter = null)
    {
        lock (_lock)
        {
            _throttleUntil = until;
            _retryAfter = retryAfter ?? DefaultRetryAfter;
        }
    }

    /// <summary>Rejects every Graph request with 429 for <paramref name="duration"/> from now on the server's clock.</summary>
    public void ThrottleFor(TimeSpan duration, TimeSpan? retryAfter = null) =>
        ThrottleUntil(_timeProvider.GetUtcNow() + duration, retryAfter);

    /// <summary>Stops all throttling.</summary>
    public void ClearThrottling()
    {
        lock (_lock)
        {
            _throttleRemaining = 0;
            _throttleUntil = DateTimeOffset.MinValue;
        }
    }

    /// <summary>Number of requests still to be throttled by <see cref="ThrottleNext"/>.</summary>
    public int ThrottleRemaining
    {
        get
        {
            lock (_lock)
            {
                return _throttleRemaining;
            }
        }
    }

    /// <summary>Decides whether a request arriving at <paramref name="now"/> is throttled, and with which Retry-After.</summary>
    internal bool TryThrottle(DateTimeOffset now, out int retryAfterSeconds)
    {
        lock (_lock)
        {
            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(_retryAfter.TotalSeconds));
            if (now < _throttleUntil)
            {
                return true;
            }

            if (_throttleRemaining > 0)
            {
                _throttleRemaining--;
                return true;
            }

            return false;
        }
    }
}
