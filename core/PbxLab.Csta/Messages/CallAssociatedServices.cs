namespace PbxLab.Csta.Messages;

// Services that act on a call already in progress: hold, retrieve, consultation, transfer and conference.
// Element names follow the ECMA-323 schema (callToBeHeld, existingCall, heldCall, activeCall…).

public sealed record HoldCall(ConnectionId CallToBeHeld) : CstaRequest;

public sealed record HoldCallResponse : CstaResponse;

public sealed record RetrieveCall(ConnectionId CallToBeRetrieved) : CstaRequest;

public sealed record RetrieveCallResponse : CstaResponse;

/// <summary>Holds <see cref="ExistingCall"/> and places a new call from the same device to <see cref="ConsultedDevice"/>.</summary>
public sealed record ConsultationCall(ConnectionId ExistingCall, string ConsultedDevice) : CstaRequest;

/// <summary><c>initiatedCall</c> is the consulting device's connection in the new call.</summary>
public sealed record ConsultationCallResponse(ConnectionId InitiatedCall) : CstaResponse;

/// <summary>Joins the other party of the held call with the other party of the active call. The transferring device leaves both.</summary>
public sealed record TransferCall(ConnectionId HeldCall, ConnectionId ActiveCall) : CstaRequest;

public sealed record TransferCallResponse(ConnectionId? TransferredCall) : CstaResponse;

/// <summary>Joins the held call and the active call into one conference. The conferencing device stays in it.</summary>
public sealed record ConferenceCall(ConnectionId HeldCall, ConnectionId ActiveCall) : CstaRequest;

public sealed record ConferenceCallResponse(ConnectionId ConferenceCall) : CstaResponse;

/// <summary>Moves the active call to <see cref="TransferredTo"/> without a consultation (blind transfer).</summary>
public sealed record SingleStepTransferCall(ConnectionId ActiveCall, string TransferredTo) : CstaRequest;

public sealed record SingleStepTransferCallResponse(ConnectionId? TransferredCall) : CstaResponse;
