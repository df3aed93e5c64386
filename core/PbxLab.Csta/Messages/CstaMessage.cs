namespace PbxLab.Csta.Messages;

/// <summary>One ECMA-323 message: the root element of a CSTA XML body.</summary>
public abstract record CstaMessage;

/// <summary>A service request, sent by the computing function or, for SystemStatus, by the switch.</summary>
public abstract record CstaRequest : CstaMessage;

/// <summary>A positive response (the request name plus "Response") or the negative response <see cref="CstaErrorCode"/>.</summary>
public abstract record CstaResponse : CstaMessage;

/// <summary>An unsolicited event of a monitor, correlated by its monitorCrossRefID.</summary>
public abstract record CstaEvent(string MonitorCrossRefId) : CstaMessage;
