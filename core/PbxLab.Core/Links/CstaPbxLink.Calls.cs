using PbxLab.Csta.Messages;

namespace PbxLab.Core.Links;

public sealed partial class CstaPbxLink
{
    // Passes a call-related event of a monitored device on to the sink. The link's events arrive
    // on its single event-loop thread, and the state lock keeps them in order with line states.
    private void ReportCallEvent(string deviceId, CstaEvent cstaEvent)
    {
        if (!IsCallEvent(cstaEvent))
        {
            return;
        }

        lock (_stateLock)
        {
            CallSink("OnCallEvent", () => _sink.OnCallEvent(Name, deviceId, cstaEvent));
        }
    }

    // Passes the calls of a SnapshotDevice result on to the sink. An item without a callID
    // cannot be matched to any event, so it is left out.
    private void ReportSnapshot(string deviceId, SnapshotDeviceResponse snapshot)
    {
        var calls = new List<DeviceCall>(snapshot.SnapshotData.Count);
        foreach (var item in snapshot.SnapshotData)
        {
            if (item.ConnectionIdentifier.CallId is { } callId)
            {
                calls.Add(new DeviceCall(callId, item.LocalCallState.LocalConnectionState));
            }
        }

        lock (_stateLock)
        {
            CallSink("OnDeviceSnapshot", () => _sink.OnDeviceSnapshot(Name, deviceId, calls));
        }
    }

    private static bool IsCallEvent(CstaEvent cstaEvent) =>
        cstaEvent is CallEvent or CallClearedEvent or DivertedEvent or TransferedEvent or ConferencedEvent;
}
