namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>A snapshot of one device.</summary>
/// <param name="DirectoryNumber">Directory number, also the CSTA device identifier.</param>
/// <param name="Owner">Email address of the user who owns the device, if any.</param>
/// <param name="DisplayName">Name shown on calls, if any.</param>
/// <param name="CloudLinkRole">Whether the user holds a CloudLink role, which allows CSTA monitoring.</param>
/// <param name="DoNotDisturb">Whether do not disturb is on.</param>
/// <param name="UserPresence">PBX user presence; stays Available on profiles without user presence.</param>
/// <param name="InService">Whether the device is in service.</param>
/// <param name="Calls">The device's current calls (one active call, plus a held one during a consultation).</param>
public sealed record DeviceInfo(
    string DirectoryNumber,
    string? Owner,
    string? DisplayName,
    bool CloudLinkRole,
    bool DoNotDisturb,
    PbxUserPresence UserPresence,
    bool InService,
    IReadOnlyList<CallInfo> Calls);
