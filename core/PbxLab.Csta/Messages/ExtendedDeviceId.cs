namespace PbxLab.Csta.Messages;

/// <summary>Which choice of ECMA-323 ExtendedDeviceID an element carries.</summary>
public enum ExtendedDeviceIdKind
{
    DeviceIdentifier,
    NotKnown,
    Restricted,
}

/// <summary>
/// ECMA-323 ExtendedDeviceID, used for calling, called, alerting and other subject devices:
/// a <c>deviceIdentifier</c>, or an empty <c>notKnown</c> or <c>restricted</c> element.
/// </summary>
public sealed record ExtendedDeviceId(ExtendedDeviceIdKind Kind, string? DeviceIdentifier)
{
    public static ExtendedDeviceId NotKnown { get; } = new(ExtendedDeviceIdKind.NotKnown, null);

    public static ExtendedDeviceId Restricted { get; } = new(ExtendedDeviceIdKind.Restricted, null);

    public static ExtendedDeviceId Known(string deviceIdentifier) =>
        new(ExtendedDeviceIdKind.DeviceIdentifier, deviceIdentifier);
}
