using System.Xml.Linq;
using PbxLab.Csta.Messages;

namespace PbxLab.Csta.Xml;

/// <summary>
/// Tolerant readers of ECMA-323 elements. Children are found by local name, so prefixes, a
/// default namespace or no namespace all work, and unknown or extension elements are skipped.
/// </summary>
internal sealed class CstaXmlElements(string rootName)
{
    public string RootName { get; } = rootName;

    public static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(element => element.Name.LocalName == localName);

    public XElement RequiredChild(XElement parent, string localName) =>
        Child(parent, localName)
        ?? throw new CstaDecodeException(
            CstaRejectReason.MissingElement,
            $"{RootName} has no {localName} element under {parent.Name.LocalName}; the message needs it.",
            RootName);

    public string? OptionalText(XElement parent, string localName) =>
        Child(parent, localName) is { } element ? element.Value.Trim() : null;

    public string RequiredText(XElement parent, string localName)
    {
        var text = RequiredChild(parent, localName).Value.Trim();
        if (text.Length == 0)
        {
            throw new CstaDecodeException(
                CstaRejectReason.MissingElement,
                $"{RootName} has an empty {localName} element; it needs a value.",
                RootName);
        }

        return text;
    }

    public T ParseEnum<T>(XElement element)
        where T : struct, Enum
    {
        var text = element.Value.Trim();
        if (WireEnum<T>.TryParse(text, out var value))
        {
            return value.Value;
        }

        throw new CstaDecodeException(
            CstaRejectReason.InvalidValue,
            $"{RootName} has {element.Name.LocalName} '{Truncate(text)}', which is not a {typeof(T).Name}; expected one of {WireEnum<T>.AllowedValues}.",
            RootName);
    }

    public T? OptionalEnum<T>(XElement parent, string localName)
        where T : struct, Enum =>
        Child(parent, localName) is { } element ? ParseEnum<T>(element) : null;

    /// <summary>Reads an EventCause; an unlisted cause becomes <see cref="EventCause.Unspecified"/>.</summary>
    public static EventCause? OptionalCause(XElement parent) =>
        Child(parent, "cause") is { } element
            ? WireEnum<EventCause>.TryParse(element.Value.Trim(), out var cause) ? cause.Value : EventCause.Unspecified
            : null;

    public bool ParseBoolean(XElement element)
    {
        var text = element.Value.Trim();
        return text switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new CstaDecodeException(
                CstaRejectReason.InvalidValue,
                $"{RootName} has {element.Name.LocalName} '{Truncate(text)}', which is not an xs:boolean; expected true or false.",
                RootName),
        };
    }

    public bool? OptionalBoolean(XElement parent, string localName) =>
        Child(parent, localName) is { } element ? ParseBoolean(element) : null;

    public int? OptionalInteger(XElement parent, string localName)
    {
        if (Child(parent, localName) is not { } element)
        {
            return null;
        }

        var text = element.Value.Trim();
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new CstaDecodeException(
            CstaRejectReason.InvalidValue,
            $"{RootName} has {localName} '{Truncate(text)}', which is not a non-negative integer.",
            RootName);
    }

    public ConnectionId ParseConnectionId(XElement element) =>
        new(
            OptionalText(element, "callID") is { Length: > 0 } callId ? callId : null,
            OptionalText(element, "deviceID") is { Length: > 0 } deviceId ? deviceId : null);

    public ConnectionId RequiredConnectionId(XElement parent, string localName) =>
        ParseConnectionId(RequiredChild(parent, localName));

    /// <summary>
    /// Reads an ExtendedDeviceID. A bare text element (no choice child) is taken as a
    /// deviceIdentifier, because some clients write the number directly.
    /// </summary>
    public ExtendedDeviceId? OptionalExtendedDeviceId(XElement parent, string localName)
    {
        if (Child(parent, localName) is not { } element)
        {
            return null;
        }

        if (Child(element, "deviceIdentifier") is { } identifier)
        {
            return ExtendedDeviceId.Known(identifier.Value.Trim());
        }

        if (Child(element, "notKnown") is not null)
        {
            return ExtendedDeviceId.NotKnown;
        }

        if (Child(element, "restricted") is not null)
        {
            return ExtendedDeviceId.Restricted;
        }

        if (!element.HasElements && element.Value.Trim() is { Length: > 0 } text)
        {
            return ExtendedDeviceId.Known(text);
        }

        throw new CstaDecodeException(
            CstaRejectReason.InvalidValue,
            $"{RootName} has a {localName} element without deviceIdentifier, notKnown or restricted.",
            RootName);
    }

    public static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}
