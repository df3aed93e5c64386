namespace PbxLab.Csta.Messages;

public sealed record MakeCall(string CallingDevice, string CalledDirectoryNumber) : CstaRequest;

/// <summary>The new call: <c>callingDevice</c> is the calling device's connection.</summary>
public sealed record MakeCallResponse(ConnectionId CallingDevice) : CstaResponse;

public sealed record AnswerCall(ConnectionId CallToBeAnswered) : CstaRequest;

public sealed record AnswerCallResponse : CstaResponse;

public sealed record ClearConnection(ConnectionId ConnectionToBeCleared) : CstaRequest;

public sealed record ClearConnectionResponse : CstaResponse;
