using System.Globalization;
using System.Text;
using PbxLab.Csta.Messages;

namespace PbxLab.Csta.Xml;

/// <summary>
/// Tolerant readers of ECMA-323 elements over a <see cref="CstaXmlTree"/>. Children are found by
/// local name, so prefixes, a default namespace or no namespace all work, and unknown or
/// extension elements are skipped. Element names are UTF-8 (<c>"callID"u8</c>); strings are made
/// only for values a message keeps and for error messages.
/// </summary>
internal readonly struct CstaXmlElements(CstaXmlTree tree, string rootName)
{
    public string RootName { get; } = rootName;

    public CstaXmlTree Tree { get; } = tree;

    public bool TryChild(int parent, ReadOnlySpan<byte> localName, out int child)
    {
        child = Tree.Child(parent, localName);
        return child != CstaXmlTree.None;
    }

    public int RequiredChild(int parent, ReadOnlySpan<byte> localName)
    {
        var child = Tree.Child(parent, localName);
        if (child == CstaXmlTree.None)
        {
            throw new CstaDecodeException(
                CstaRejectReason.MissingElement,
                $"{RootName} has no {Encoding.UTF8.GetString(localName)} element under {Tree.GetLocalName(parent)}; the message needs it.",
                RootName);
        }

        return child;
    }

    public string? OptionalText(int parent, ReadOnlySpan<byte> localName) =>
        TryChild(parent, localName, out var child) ? Tree.GetTrimmedTextString(child) : null;

    public string RequiredText(int parent, ReadOnlySpan<byte> localName)
    {
        var text = Tree.GetTrimmedTextString(RequiredChild(parent, localName));
        if (text.Length == 0)
        {
            throw new CstaDecodeException(
                CstaRejectReason.MissingElement,
                $"{RootName} has an empty {Encoding.UTF8.GetString(localName)} element; it needs a value.",
                RootName);
        }

        return text;
    }

    public T ParseEnum<T>(int element)
        where T : struct, Enum
    {
        var text = Tree.GetTrimmedText(element);
        if (WireEnum<T>.TryParse(text, out var value))
        {
            return value.Value;
        }

        throw new CstaDecodeException(
            CstaRejectReason.InvalidValue,
            $"{RootName} has {Tree.GetLocalName(element)} '{Truncate(text)}', which is not a {typeof(T).Name}; expected one of {WireEnum<T>.AllowedValues}.",
            RootName);
    }

    public T? OptionalEnum<T>(int parent, ReadOnlySpan<byte> localName)
        where T : struct, Enum =>
        TryChild(parent, localName, out var child) ? ParseEnum<T>(child) : null;

    /// <summary>Reads an EventCause; an unlisted cause becomes <see cref="EventCause.Unspecified"/>.</summary>
    public EventCause? OptionalCause(int parent) =>
        TryChild(parent, "cause"u8, out var child)
            ? WireEnum<EventCause>.TryParse(Tree.GetTrimmedText(child), out var cause) ? cause.Value : EventCause.Unspecified
            : null;

    public bool ParseBoolean(int element)
    {
        var text = Tree.GetTrimmedText(element);
        return text switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new CstaDecodeException(
                CstaRejectReason.InvalidValue,
                $"{RootName} has {Tree.GetLocalName(element)} '{Truncate(text)}', which is not an xs:boolean; expected true or false.",
                RootName),
        };
    }

    public bool? OptionalBoolean(int parent, ReadOnlySpan<byte> localName) =>
        TryChild(parent, localName, out var child) ? ParseBoolean(child) : null;

    public int? OptionalInteger(int parent, ReadOnlySpan<byte> localName)
    {
        if (!TryChild(parent, localName, out var child))
        {
            return null;
        }

        var text = Tree.GetTrimmedText(child);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new CstaDecodeException(
            CstaRejectReason.InvalidValue,
            $"{RootName} has {Encoding.UTF8.GetString(localName)} '{Truncate(text)}', which is not a non-negative integer.",
            RootName);
    }

    public ConnectionId ParseConnectionId(int element) =>
        new(
            OptionalText(element, "callID"u8) is { Length: > 0 } callId ? callId : null,
            OptionalText(element, "deviceID"u8) is { Length: > 0 } deviceId ? deviceId : null);

    public ConnectionId RequiredConnectionId(int parent, ReadOnlySpan<byte> localName) =>
        ParseConnectionId(RequiredChild(parent, localName));

    public ConnectionId? OptionalConnectionId(int parent, ReadOnlySpan<byte> localName) =>
        TryChild(parent, localName, out var child) ? ParseConnectionId(child) : null;

    /// <summary>
    /// Reads an ExtendedDeviceID. A bare text element (no choice child) is taken as a
    /// deviceIdentifier, because some clients write the number directly.
    /// </summary>
    public ExtendedDeviceId? OptionalExtendedDeviceId(int parent, ReadOnlySpan<byte> localName)
    {
        if (!TryChild(parent, localName, out var element))
        {
            return null;
        }

        if (TryChild(element, "deviceIdentifier"u8, out var identifier))
        {
            return ExtendedDeviceId.Known(Tree.GetTrimmedTextString(identifier));
        }

        if (TryChild(element, "notKnown"u8, out _))
        {
            return ExtendedDeviceId.NotKnown;
        }

        if (TryChild(element, "restricted"u8, out _))
        {
            return ExtendedDeviceId.Restricted;
        }

        if (!Tree.HasElements(element) && Tree.GetTrimmedTextString(element) is { Length: > 0 } text)
        {
            return ExtendedDeviceId.Known(text);
        }

        throw new CstaDecodeException(
            CstaRejectReason.InvalidValue,
            $"{RootName} has a {Encoding.UTF8.GetString(localName)} element without deviceIdentifier, notKnown or restricted.",
            RootName);
    }

    public static string Truncate(string text) => Truncate(text.AsSpan());

    public static string Truncate(ReadOnlySpan<char> text) => text.Length <= 64 ? new string(text) : string.Concat(text[..64], "…");
}
