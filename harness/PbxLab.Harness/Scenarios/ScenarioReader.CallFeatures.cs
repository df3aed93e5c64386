using YamlDotNet.RepresentationModel;

namespace PbxLab.Harness.Scenarios;

/// <summary>Reading of the call-feature steps: incoming trunk calls, consultation, transfer, pickup and forwarding.</summary>
internal sealed partial class ScenarioReader
{
    /// <summary>The 'from' of an incoming call whose number the caller withholds.</summary>
    private const string Withheld = "withheld";

    // ITU-T E.164 allows at most 15 digits after the '+'.
    private const int MaxE164Digits = 15;

    private IncomingStep? ReadIncoming(YamlNode value, string path, SourceLocation location)
    {
        if (ExpectMapping(value, path, "a mapping { from: <E.164 number or withheld>, to: <user> }") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, ["from", "to"]);
        var fromNode = Required(mapping, path, "from", "\"+33123456789\"");
        string? from = null;
        var fromValid = fromNode is not null && TryReadCallerNumber(fromNode, $"{path}.from", out from);
        var toNode = Required(mapping, path, "to", "<user name>");
        var to = toNode is null ? null : ReadUserName(toNode, $"{path}.to");
        return fromValid && to is not null ? new IncomingStep(location, from, to) : null;
    }

    /// <summary>Reads an external caller: an E.164 number without its spaces, or withheld (a null number).</summary>
    private bool TryReadCallerNumber(YamlNode node, string path, out string? number)
    {
        number = null;
        if (ReadText(node, path, "an E.164 number or withheld") is not { } scalar)
        {
            return false;
        }

        if (string.Equals(scalar.Value, Withheld, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        number = NormalizeE164(scalar.Value);
        if (number is not null)
        {
            return true;
        }

        if (_userNames.Contains(scalar.Value))
        {
            Error(scalar.Mark, $"{scalar.Path}: '{scalar.Value}' is a user, but an incoming call comes from an external number. Use 'call' for a call between users.");
            return false;
        }

        Error(scalar.Mark,
            $"{scalar.Path}: invalid number '{scalar.Value}'. Write the caller's number in E.164 form, '+' and 1 to {MaxE164Digits} digits such as \"+33123456789\", or withheld.");
        return false;
    }

    /// <summary>Returns the number without spaces when it is '+' and 1 to 15 digits, otherwise null.</summary>
    private static string? NormalizeE164(string text)
    {
        var compact = text.Replace(" ", "", StringComparison.Ordinal);
        var digits = compact.Length - 1;
        var valid = compact.StartsWith('+') && digits is >= 1 and <= MaxE164Digits && compact[1..].All(char.IsAsciiDigit);
        return valid ? compact : null;
    }

    private ScenarioStep? ReadUserAndTarget(YamlNode value, string path, Func<string, (string To, bool ToIsUser), ScenarioStep> create)
    {
        if (ExpectMapping(value, path, "a mapping { user: <name>, to: <user or number> }") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, ["user", "to"]);
        var userNode = Required(mapping, path, "user", "<user name>");
        var user = userNode is null ? null : ReadUserName(userNode, $"{path}.user");
        var toNode = Required(mapping, path, "to", "<user name or number>");
        var to = toNode is null ? null : ReadTarget(toNode, $"{path}.to", user);
        return user is null || to is null ? null : create(user, to.Value);
    }

    private PickupStep? ReadPickup(YamlNode value, string path, SourceLocation location)
    {
        if (ExpectMapping(value, path, "a mapping { user: <name>, ringing: <user whose phone rings> }") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, ["user", "ringing"]);
        var userNode = Required(mapping, path, "user", "<user name>");
        var user = userNode is null ? null : ReadUserName(userNode, $"{path}.user");
        var ringingNode = Required(mapping, path, "ringing", "<user whose phone rings>");
        var ringing = ringingNode is null ? null : ReadUserName(ringingNode, $"{path}.ringing");
        if (user is null || ringing is null)
        {
            return null;
        }

        if (ringing == user)
        {
            Error(ringingNode!.Start, $"{path}.ringing: {user} would pick up their own call. Name the other user, whose phone is ringing.");
            return null;
        }

        return new PickupStep(location, user, ringing);
    }

    private ForwardStep? ReadForward(YamlNode value, string path, SourceLocation location)
    {
        if (ExpectMapping(value, path, "a mapping { user: <name>, type: immediate, to: <user or number> }") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, ["user", "type", "to", "after"]);
        var userNode = Required(mapping, path, "user", "<user name>");
        var user = userNode is null ? null : ReadUserName(userNode, $"{path}.user");
        var typeNode = Required(mapping, path, "type", "immediate, busy or noAnswer");
        var type = typeNode is null ? null : ReadEnum<ForwardingKind>(typeNode, $"{path}.type", ScenarioText.Camel);
        var toNode = Required(mapping, path, "to", "<user name or number>");
        var to = toNode is null ? null : ReadTarget(toNode, $"{path}.to", user);

        var afterNode = Child(mapping, "after");
        var after = afterNode is null ? null : ReadPositiveDuration(afterNode, $"{path}.after");
        if (afterNode is not null && type is { } kind && kind != ForwardingKind.NoAnswer)
        {
            Error(KeyMark(mapping, "after"),
                $"{path}.after: 'after' applies only to type noAnswer, but the type is {ScenarioText.Camel(kind)}. Remove 'after' or use type noAnswer.");
            return null;
        }

        if (user is null || type is null || to is null || (afterNode is not null && after is null))
        {
            return null;
        }

        return new ForwardStep(location, user, type.Value, to.Value.To, to.Value.ToIsUser, after);
    }
}
