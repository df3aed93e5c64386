using System.Net;

namespace PbxLab.Simulators.Pbx;

/// <summary>
/// Messages one CSTA connection of the simulator has written (MessagesSent) and has queued for its
/// event loop but not written yet (PendingWrites). RemoteEndPoint is the client's address and port.
/// </summary>
public sealed record CstaConnectionTraffic(EndPoint? RemoteEndPoint, long MessagesSent, int PendingWrites);
