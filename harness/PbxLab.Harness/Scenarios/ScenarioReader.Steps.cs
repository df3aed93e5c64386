using YamlDotNet.RepresentationModel;

namespace PbxLab.Harness.Scenarios;

/// <summary>Step reading: one list item is a mapping with one key, the step kind.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] StepKinds =
    [
        "call", "answer", "hangup", "phone", "dnd", "pbxUserPresence", "mitelOne", "teamsClient", "teamsUserSet",
        "teamsUserClear", "linkDrop", "advance", "expect", "expectDiagnostic", "incoming", "externalAnswer", "externalHangup",
        "reject", "hold", "retrieve", "consult", "transfer", "blindTransfer", "conference", "pickup", "forward", "forwardOff",
        "coreStop", "coreStart", "coreRestart", "expectHistory", "expectSpeedDials",
    ];

    /// <summary>Longest scenario time one advance step may move. A day already takes about two minutes of real time.</summary>
    private static readonly TimeSpan MaxAdvance = TimeSpan.FromHours(24);

    private static readonly string[] ExpectKeys = ["user", "teams", "activity", "cloudLink", "appSession", "within", "holds"];

    private List<ScenarioStep> ReadSteps(YamlNode node, string path)
    {
        var steps = new List<ScenarioStep>();
        if (ExpectSequence(node, path, "a list of steps") is not { } list)
        {
            return steps;
        }

        for (var index = 0; index < list.Children.Count; index++)
        {
            var step = ReadStep(list.Children[index], $"{path}[{index}]");
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    /// <summary>Reads the steps of one case, which start with the core as setup left it and must not be empty.</summary>
    private List<ScenarioStep> ReadCaseSteps(YamlNode node, string path)
    {
        if (node is YamlSequenceNode { Children.Count: 0 } list)
        {
            Error(list.Start, $"{path}: the case has no steps. Add at least one step.");
        }

        _coreStoppedAt = _setupCoreStoppedAt;
        return ReadSteps(node, path);
    }

    private ScenarioStep? ReadStep(YamlNode node, string path)
    {
        // '- coreRestart' on its own is a step kind without its value, the commonest slip.
        if (node is YamlScalarNode { Value: { } bare } && StepKinds.Contains(bare.Trim()))
        {
            var bareKind = bare.Trim();
            var example = bareKind is "linkDrop" or "coreStop" or "coreStart" or "coreRestart" ? $"- {bareKind}: {{}}" : $"- {bareKind}: <value>";
            Error(node.Start, $"{path}: the step '{bareKind}' has no value. Write '{example}', with a colon after the kind.");
            return null;
        }

        if (ExpectMapping(node, path, "a step such as '- answer: bob'") is not { } mapping)
        {
            return null;
        }

        if (mapping.Children.Count != 1)
        {
            var keys = string.Join(", ", mapping.Children.Keys.Select(key => (key as YamlScalarNode)?.Value));
            Error(mapping.Start, $"{path}: a step has exactly one key, its kind, but this one has {mapping.Children.Count}: {keys}. Put each step in its own list item.");
            return null;
        }

        var (keyNode, value) = mapping.Children.First();
        var kind = (keyNode as YamlScalarNode)?.Value ?? "";
        var location = Location(keyNode.Start);
        var stepPath = $"{path}.{kind}";
        CheckCoreOrder(kind, keyNode.Start, stepPath);
        switch (kind)
        {
            case "call":
                return ReadCall(value, stepPath, location);
            case "answer":
                return ReadUserOnly(value, stepPath) is { } answerer ? new AnswerStep(location, answerer) : null;
            case "hangup":
                return ReadUserOnly(value, stepPath) is { } hanger ? new HangupStep(location, hanger) : null;
            case "teamsUserClear":
                return ReadUserOnly(value, stepPath) is { } clearer ? new TeamsUserClearStep(location, clearer) : null;
            case "phone":
                return ReadUserAnd(value, stepPath, "state", "busy or available",
                    (user, stateNode) => ReadEnum<PhoneState>(stateNode, $"{stepPath}.state", ScenarioText.Camel) is { } state
                        ? new PhoneStep(location, user, state) : null);
            case "dnd":
                return ReadUserAnd(value, stepPath, "on", "true or false",
                    (user, onNode) => ReadBool(onNode, $"{stepPath}.on") is { } on ? new DndStep(location, user, on) : null);
            case "pbxUserPresence":
                return ReadUserAnd(value, stepPath, "value", "Available, Absent, Meeting, Busy or NotAvailable",
                    (user, valueNode) => ReadEnum<PbxUserPresenceValue>(valueNode, $"{stepPath}.value", item => item.ToString()) is { } presence
                        ? new PbxUserPresenceStep(location, user, presence) : null);
            case "mitelOne":
                return ReadUserAnd(value, stepPath, "value", "Available, Away, Busy, Meeting or NotAvailable",
                    (user, valueNode) => ReadEnum<MitelOnePresence>(valueNode, $"{stepPath}.value", item => item.ToString()) is { } presence
                        ? new MitelOneStep(location, user, presence) : null);
            case "teamsClient":
                return ReadUserAnd(value, stepPath, "state", "offline, inactive, active, inCall or presenting",
                    (user, stateNode) => ReadEnum<TeamsClientState>(stateNode, $"{stepPath}.state", ScenarioText.Camel) is { } state
                        ? new TeamsClientStep(location, user, state) : null);
            case "teamsUserSet":
                return ReadTeamsUserSet(value, stepPath, location);
            case "linkDrop":
                return ReadEmptyStep(value, stepPath, kind) ? new LinkDropStep(location) : null;
            case "advance":
                return ReadAdvance(value, stepPath, location);
            case "expect":
                return ReadExpect(value, stepPath, location);
            case "expectDiagnostic":
                return ReadExpectDiagnostic(value, stepPath, location);
            case "incoming":
                return ReadIncoming(value, stepPath, location);
            case "externalAnswer":
                return ReadUserOnly(value, stepPath) is { } answered ? new ExternalAnswerStep(location, answered) : null;
            case "externalHangup":
                return ReadUserOnly(value, stepPath) is { } hungUp ? new ExternalHangupStep(location, hungUp) : null;
            case "reject":
                return ReadUserOnly(value, stepPath) is { } rejecter ? new RejectStep(location, rejecter) : null;
            case "hold":
                return ReadUserOnly(value, stepPath) is { } holder ? new HoldStep(location, holder) : null;
            case "retrieve":
                return ReadUserOnly(value, stepPath) is { } retriever ? new RetrieveStep(location, retriever) : null;
            case "transfer":
                return ReadUserOnly(value, stepPath) is { } transferrer ? new TransferStep(location, transferrer) : null;
            case "conference":
                return ReadUserOnly(value, stepPath) is { } conferencer ? new ConferenceStep(location, conferencer) : null;
            case "consult":
                return ReadUserAndTarget(value, stepPath, (user, to) => new ConsultStep(location, user, to.To, to.ToIsUser));
            case "blindTransfer":
                return ReadUserAndTarget(value, stepPath, (user, to) => new BlindTransferStep(location, user, to.To, to.ToIsUser));
            case "pickup":
                return ReadPickup(value, stepPath, location);
            case "forward":
                return ReadForward(value, stepPath, location);
            case "forwardOff":
                return ReadUserAnd(value, stepPath, "type", "immediate, busy or noAnswer",
                    (user, typeNode) => ReadEnum<ForwardingKind>(typeNode, $"{stepPath}.type", ScenarioText.Camel) is { } type
                        ? new ForwardOffStep(location, user, type) : null);
            case "coreStop":
                return ReadEmptyStep(value, stepPath, kind) ? new CoreStopStep(location) : null;
            case "coreStart":
                return ReadEmptyStep(value, stepPath, kind) ? new CoreStartStep(location) : null;
            case "coreRestart":
                return ReadEmptyStep(value, stepPath, kind) ? new CoreRestartStep(location) : null;
            case "expectHistory":
                return ReadExpectHistory(value, stepPath, location);
            case "expectSpeedDials":
                return ReadExpectSpeedDials(value, stepPath, location);
            default:
                var suggestion = ScenarioText.ClosestMatch(kind, StepKinds);
                var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
                Error(keyNode.Start, $"{path}: unknown step kind '{kind}'.{hint} Known step kinds: {string.Join(", ", StepKinds)}.");
                return null;
        }
    }

    private string? ReadUserName(YamlNode node, string path)
    {
        var scalar = ReadScalar(node, path, "a user name");
        if (scalar is null)
        {
            return null;
        }

        var name = scalar.Value.Value.Trim();
        if (name.Length == 0)
        {
            Error(scalar.Value.Mark, $"{scalar.Value.Path}: missing user name. Use one of: {string.Join(", ", _userNames)}.");
            return null;
        }

        if (_userNames.Contains(name))
        {
            return name;
        }

        var suggestion = ScenarioText.ClosestMatch(name, _userNames);
        var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
        Error(scalar.Value.Mark, $"{scalar.Value.Path}: unknown user '{name}'.{hint} Declare it under 'users' or use one of: {string.Join(", ", _userNames)}.");
        return null;
    }

    /// <summary>Reads a step whose value is a user, as a scalar ('answer: bob') or a mapping ('answer: { user: bob }').</summary>
    private string? ReadUserOnly(YamlNode value, string path)
    {
        if (value is not YamlMappingNode mapping)
        {
            return ReadUserName(value, path);
        }

        CheckKeys(mapping, path, ["user"]);
        var userNode = Required(mapping, path, "user", "<user name>");
        return userNode is null ? null : ReadUserName(userNode, $"{path}.user");
    }

    private ScenarioStep? ReadUserAnd(YamlNode value, string path, string key, string hint, Func<string, YamlNode, ScenarioStep?> create)
    {
        if (ExpectMapping(value, path, $"a mapping {{ user: <name>, {key}: <{hint}> }}") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, ["user", key]);
        var userNode = Required(mapping, path, "user", "<user name>");
        var user = userNode is null ? null : ReadUserName(userNode, $"{path}.user");
        var keyNode = Required(mapping, path, key, hint);
        if (keyNode is null)
        {
            return null;
        }

        // The value is read even without a valid user so that both mistakes are reported.
        var step = create(user ?? "", keyNode);
        return user is null ? null : step;
    }

    private CallStep? ReadCall(YamlNode value, string path, SourceLocation location)
    {
        if (ExpectMapping(value, path, "a mapping { from: <user>, to: <user or number> }") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, ["from", "to"]);
        var fromNode = Required(mapping, path, "from", "<user name>");
        var from = fromNode is null ? null : ReadUserName(fromNode, $"{path}.from");
        var toNode = Required(mapping, path, "to", "<user name or external number>");
        var to = toNode is null ? null : ReadTarget(toNode, $"{path}.to", from);
        return from is null || to is null ? null : new CallStep(location, from, to.Value.To, to.Value.ToIsUser);
    }

    /// <summary>
    /// Reads where a call goes: a declared user or dialled digits (an external number, or any number
    /// the PBX may route). Neither may be the user's own name or device, whose owner is given as self.
    /// </summary>
    private (string To, bool ToIsUser)? ReadTarget(YamlNode node, string path, string? self)
    {
        if (ReadScalar(node, path, "a user name or an external number") is not { } to)
        {
            return null;
        }

        var target = to.Value.Trim();
        var toIsUser = _userNames.Contains(target);
        if (!toIsUser && !IsDialledNumber(target) && LooksLikeWrittenNumber(target))
        {
            Error(to.Mark,
                $"{to.Path}: '{target}' is written, not dialled. A phone dials digits only: the trunk access code, then the number as a user dials it, "
                + "such as \"00123456789\" for +33 1 23 45 67 89 on a site in France (trunk access code 0). For a call from outside, use 'incoming'.");
            return null;
        }

        if (!toIsUser && !IsDialledNumber(target))
        {
            var suggestion = ScenarioText.ClosestMatch(target, _userNames);
            var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
            Error(to.Mark, $"{to.Path}: unknown user '{target}'.{hint} Use a declared user or dialled digits such as \"00123456789\" (trunk access code 0, then the number).");
            return null;
        }

        if (self is not null && target == self)
        {
            Error(to.Mark, $"{to.Path}: {self} would call themselves. Use another user or an external number.");
            return null;
        }

        var ownDevice = self is null ? null : _users.FirstOrDefault(user => user.Name == self)?.Device;
        if (!toIsUser && target == ownDevice)
        {
            Error(to.Mark, $"{to.Path}: '{target}' is {self}'s own device, so {self} would call themselves. Use another user or an external number.");
            return null;
        }

        return (target, toIsUser);
    }

    // Digits a phone can dial, with '*' and '#' for feature codes, 32 at most (the simulator's limit).
    private static bool IsDialledNumber(string text) =>
        text.Length is > 0 and <= 32 && text.All(character => char.IsAsciiDigit(character) || character is '*' or '#');

    // A number as people write it (E.164 with '+', spaces, brackets) rather than as a phone dials it.
    private static bool LooksLikeWrittenNumber(string text) =>
        text.Any(char.IsAsciiDigit) && text.All(character => char.IsAsciiDigit(character) || character is '+' or ' ' or '(' or ')' or '-' or '.' or '/');

    /// <summary>
    /// Reads the scenario time of an advance step, at most <see cref="MaxAdvance"/>. The world moves its clock in
    /// steps of 20 s with a real-time settle after each, so scenario time of days or more also takes long in real time.
    /// </summary>
    private AdvanceStep? ReadAdvance(YamlNode value, string path, SourceLocation location)
    {
        if (ReadDuration(value, path) is not { } duration)
        {
            return null;
        }

        if (duration > MaxAdvance)
        {
            var limit = DurationText.Format(MaxAdvance);
            Error(
                value.Start,
                $"{path}: {((YamlScalarNode)value).Value} is longer than the {limit} one advance step may move. "
                + $"Split it into several advance steps of {limit} or less, or check the value for a typo.");
            return null;
        }

        return new AdvanceStep(location, duration);
    }

    /// <summary>Checks the value of a step that takes no keys: empty or '{}'. Unknown keys are reported but the step is kept.</summary>
    private bool ReadEmptyStep(YamlNode value, string path, string kind)
    {
        switch (value)
        {
            case YamlScalarNode { Value: null or "" }:
                return true;
            case YamlMappingNode mapping:
                CheckKeys(mapping, path, []);
                return true;
            default:
                Error(value.Start, $"{path}: expected an empty mapping '{{}}', found {Describe(value)}. Write '- {kind}: {{}}'.");
                return false;
        }
    }

    private TeamsUserSetStep? ReadTeamsUserSet(YamlNode value, string path, SourceLocation location)
    {
        if (ExpectMapping(value, path, "a mapping { user: <name>, availability: Away, activity: Away }") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, ["user", "availability", "activity"]);
        var userNode = Required(mapping, path, "user", "<user name>");
        var user = userNode is null ? null : ReadUserName(userNode, $"{path}.user");
        var pairs = GraphPresenceValues.UserPreferredPairs;
        var availabilityNode = Required(mapping, path, "availability", "Away");
        var availability = availabilityNode is null
            ? null
            : ReadChoice(availabilityNode, $"{path}.availability", pairs.Select(pair => pair.Availability).ToList());
        var activityNode = Child(mapping, "activity");
        var activity = activityNode is null
            ? availability is null ? null : pairs.First(pair => pair.Availability == availability).Activity
            : ReadChoice(activityNode, $"{path}.activity", pairs.Select(pair => pair.Activity).ToList());

        if (user is null || availability is null || activity is null)
        {
            return null;
        }

        if (!pairs.Contains((availability, activity)))
        {
            var allowed = string.Join(", ", pairs.Select(pair => $"{pair.Availability}/{pair.Activity}"));
            Error(activityNode!.Start, $"{path}: Graph does not accept the user-preferred pair {availability}/{activity}. Allowed pairs: {allowed}.");
            return null;
        }

        return new TeamsUserSetStep(location, user, availability, activity);
    }

    private ExpectStep? ReadExpect(YamlNode value, string path, SourceLocation location)
    {
        if (ExpectMapping(value, path, "a mapping { user: <name>, teams: Busy, within: 5s }") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, ExpectKeys);
        var userNode = Required(mapping, path, "user", "<user name>");
        var user = userNode is null ? null : ReadUserName(userNode, $"{path}.user");

        var teamsNode = Child(mapping, "teams");
        var teams = teamsNode is null ? null : ReadChoice(teamsNode, $"{path}.teams", GraphPresenceValues.Availabilities);
        var activityNode = Child(mapping, "activity");
        var activity = activityNode is null ? null : ReadChoice(activityNode, $"{path}.activity", GraphPresenceValues.Activities);
        var cloudLinkNode = Child(mapping, "cloudLink");
        var cloudLink = cloudLinkNode is null ? null : ReadEnum<CloudLinkPresence>(cloudLinkNode, $"{path}.cloudLink", item => item.ToString());
        var appSessionNode = Child(mapping, "appSession");
        var appSession = appSessionNode is null ? null : ReadAppSession(appSessionNode, $"{path}.appSession");

        var valid = user is not null
            && (teamsNode is null || teams is not null)
            && (activityNode is null || activity is not null)
            && (cloudLinkNode is null || cloudLink is not null)
            && (appSessionNode is null || appSession is not null);

        if (teamsNode is null && activityNode is null && cloudLinkNode is null && appSessionNode is null)
        {
            Error(mapping.Start, $"{path}: nothing to expect. Add at least one of teams, activity, cloudLink or appSession.");
            valid = false;
        }

        var withinNode = Child(mapping, "within");
        var holdsNode = Child(mapping, "holds");
        if (withinNode is not null && holdsNode is not null)
        {
            Error(KeyMark(mapping, "holds"),
                $"{path}: 'within' and 'holds' are both set. Use 'within' to wait for the state or 'holds' to require that it lasts, not both.");
            return null;
        }

        var mode = holdsNode is null ? ExpectMode.Within : ExpectMode.Holds;
        var durationNode = holdsNode ?? withinNode;
        var duration = durationNode is null
            ? ExpectStep.DefaultWithin
            : ReadPositiveDuration(durationNode, $"{path}.{(holdsNode is null ? "within" : "holds")}");
        if (!valid || duration is null)
        {
            return null;
        }

        return new ExpectStep(location, user!, teams, activity, cloudLink, appSession, mode, duration.Value);
    }

    private AppSessionExpectation? ReadAppSession(YamlNode node, string path)
    {
        var allowed = GraphPresenceValues.AppSessionPairs.Select(pair => $"{pair.Availability}/{pair.Activity}").Prepend("none").ToList();
        var choice = ReadChoice(node, path, allowed);
        if (choice is null)
        {
            return null;
        }

        if (choice == "none")
        {
            return AppSessionExpectation.None;
        }

        var parts = choice.Split('/');
        return new AppSessionExpectation(parts[0], parts[1]);
    }

    private ExpectDiagnosticStep? ReadExpectDiagnostic(YamlNode value, string path, SourceLocation location)
    {
        if (ExpectMapping(value, path, "a mapping { user: <name>, kind: UserNotMatched, within: 5s }") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, ["user", "kind", "within"]);
        var userNode = Required(mapping, path, "user", "<user name>");
        var user = userNode is null ? null : ReadUserName(userNode, $"{path}.user");
        var kindNode = Required(mapping, path, "kind", "UserNotMatched");

        // NOTE: diagnostic kinds are defined by the core, so only their form is checked here.
        var kind = kindNode is null ? null : ReadString(kindNode, $"{path}.kind", "a diagnostic kind such as UserNotMatched");
        if (kind is not null && !(char.IsAsciiLetter(kind[0]) && kind.All(char.IsAsciiLetterOrDigit)))
        {
            Error(kindNode!.Start, $"{path}.kind: invalid diagnostic kind '{kind}'. Use the kind's name, letters and digits only, such as UserNotMatched.");
            kind = null;
        }

        var withinNode = Child(mapping, "within");
        var within = withinNode is null ? ExpectStep.DefaultWithin : ReadPositiveDuration(withinNode, $"{path}.within");
        if (user is null || kind is null || within is null)
        {
            return null;
        }

        return new ExpectDiagnosticStep(location, user, kind, within.Value);
    }
}
