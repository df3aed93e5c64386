namespace PbxLab.Simulators.Pbx.Control;

// JSON bodies of the control API. Every member is nullable so a missing field gets a clear 400, not a binding failure.

internal sealed record AddDeviceRequest(string? Dn, string? Owner, string? DisplayName, bool? Role);

internal sealed record DialRequest(string? From, string? To);

/// <summary>An external call in: <c>callingNumber</c> in E.164, or <c>withheld</c> "restricted" or "notKnown" instead.</summary>
internal sealed record IncomingCallRequest(string? CallingNumber, string? To, string? Withheld = null);

internal sealed record NumberRequest(string? To);

internal sealed record PickupRequest(string? Ringing);

/// <summary>Forwarding of one type ("immediate", "busy" or "noAnswer") switched on or off.</summary>
internal sealed record ForwardingRequest(string? Type, string? Destination, bool? On, int? NoAnswerAfterSeconds);

internal sealed record ForwardingState(IReadOnlyDictionary<string, string> Destinations, int NoAnswerAfterSeconds);

internal sealed record DoNotDisturbRequest(bool? On);

internal sealed record PresenceRequest(string? Value);

internal sealed record ServiceRequest(bool? InService);

internal sealed record RoleRequest(bool? Role);

internal sealed record CallCreated(string CallId);

internal sealed record ControlError(string Error);

internal sealed record PbxStatus(
    string Profile,
    string DisplayName,
    string CstaEdition,
    string CstaBind,
    int CstaPort,
    int Devices,
    int MaxDevices,
    int Licences,
    int LicencesInUse,
    int Connections,
    int Monitors);
