namespace PbxLab.Simulators.Pbx.Control;

// JSON bodies of the control API. Every member is nullable so a missing field gets a clear 400, not a binding failure.

internal sealed record AddDeviceRequest(string? Dn, string? Owner, string? DisplayName, bool? Role);

internal sealed record DialRequest(string? From, string? To);

internal sealed record IncomingCallRequest(string? CallingNumber, string? To);

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
