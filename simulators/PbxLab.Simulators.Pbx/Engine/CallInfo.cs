namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>One call as seen from one device.</summary>
/// <param name="CallId">Call identifier, unique for the life of the engine.</param>
/// <param name="LocalState">State of this device's connection (hold for a held call).</param>
/// <param name="RemoteState">State of the other party's connection (the first other party in a conference).</param>
/// <param name="CallingNumber">Directory number or external number of the caller.</param>
/// <param name="CalledNumber">Number as dialled, including the trunk access code for external calls.</param>
/// <param name="RemoteNumber">The other party: a directory number, or an external number without the trunk access code.</param>
/// <param name="IsExternal">Whether the other party is on the trunk.</param>
public sealed record CallInfo(
    string CallId,
    ConnectionState LocalState,
    ConnectionState RemoteState,
    string CallingNumber,
    string CalledNumber,
    string RemoteNumber,
    bool IsExternal)
{
    /// <summary>Every other party of the call. More than one in a conference. Equality leaves it out.</summary>
    public IReadOnlyList<string> Parties { get; init; } = [];

    public bool Equals(CallInfo? other) =>
        other is not null
        && CallId == other.CallId
        && LocalState == other.LocalState
        && RemoteState == other.RemoteState
        && CallingNumber == other.CallingNumber
        && CalledNumber == other.CalledNumber
        && RemoteNumber == other.RemoteNumber
        && IsExternal == other.IsExternal;

    public override int GetHashCode() => HashCode.Combine(CallId, LocalState, RemoteState, RemoteNumber);
}
