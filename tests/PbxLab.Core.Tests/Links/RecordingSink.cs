using System.Collections.Concurrent;
using PbxLab.Core.Links;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Tests.Links;

/// <summary>Sink that records every call as one line of text, in order, for whole-sequence asserts.</summary>
internal sealed class RecordingSink : IPbxLinkSink
{
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentQueue<(PbxLinkPhase Phase, string? Reason)> _phases = new();

    public IReadOnlyList<string> Calls => _calls.ToList();

    public IReadOnlyList<(PbxLinkPhase Phase, string? Reason)> Phases => _phases.ToList();

    public void OnLinkPhaseChanged(string linkName, PbxLinkPhase phase, string? reason)
    {
        _phases.Enqueue((phase, reason));
        _calls.Enqueue($"phase {phase}");
    }

    public void OnMonitorStarted(string linkName, string deviceId, string monitorCrossRefId) =>
        _calls.Enqueue($"monitor {deviceId} {monitorCrossRefId}");

    public void OnMonitorRefused(string linkName, string deviceId, string errorCategory, string errorValue) =>
        _calls.Enqueue($"refused {deviceId} {errorCategory}/{errorValue}");

    public void OnLineStateChanged(string linkName, string deviceId, LineState lineState) =>
        _calls.Enqueue($"line {deviceId} {lineState}");

    public void OnUserPresenceChanged(string linkName, string deviceId, PbxUserPresence presence) =>
        _calls.Enqueue($"presence {deviceId} {presence}");

    /// <summary>Waits (real time, at most 5 s) until the recorded calls satisfy <paramref name="condition"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<string>, bool> condition, string description)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (condition(Calls))
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"Timed out waiting for {description}. Calls so far:\n{string.Join("\n", Calls)}");
    }

    public Task WaitForCountAsync(string call, int count) =>
        WaitUntilAsync(calls => calls.Count(entry => entry == call) >= count, $"{count} × '{call}'");
}
