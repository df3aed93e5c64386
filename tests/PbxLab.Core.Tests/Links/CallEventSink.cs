using System.Collections.Concurrent;
using PbxLab.Core.Links;
using PbxLab.Core.Presence;
using PbxLab.Csta.Messages;

namespace PbxLab.Core.Tests.Links;

/// <summary>Sink that records line states, call events and snapshots as lines of text, in arrival order.</summary>
internal sealed class CallEventSink : IPbxLinkSink
{
    private readonly ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> Calls => _calls.ToList();

    public ConcurrentQueue<CstaEvent> Events { get; } = new();

    public void OnLinkPhaseChanged(string linkName, PbxLinkPhase phase, string? reason) => _calls.Enqueue($"phase {phase}");

    public void OnMonitorStarted(string linkName, string deviceId, string monitorCrossRefId)
    {
    }

    public void OnMonitorRefused(string linkName, string deviceId, string errorCategory, string errorValue)
    {
    }

    public void OnLineStateChanged(string linkName, string deviceId, LineState lineState) => _calls.Enqueue($"line {deviceId} {lineState}");

    public void OnUserPresenceChanged(string linkName, string deviceId, PbxUserPresence presence)
    {
    }

    public void OnCallEvent(string linkName, string deviceId, CstaEvent cstaEvent)
    {
        Events.Enqueue(cstaEvent);
        _calls.Enqueue($"{linkName} {deviceId} {cstaEvent.GetType().Name}");
    }

    public void OnDeviceSnapshot(string linkName, string deviceId, IReadOnlyList<DeviceCall> calls) =>
        _calls.Enqueue($"snapshot {linkName} {deviceId} [{string.Join(", ", calls.Select(call => $"{call.CallId}:{call.LocalConnectionState}"))}]");

    public async Task WaitForAsync(string call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!_calls.Contains(call))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for '{call}'. Calls so far:\n{string.Join("\n", Calls)}");
            }

            await Task.Delay(10);
        }
    }
}
