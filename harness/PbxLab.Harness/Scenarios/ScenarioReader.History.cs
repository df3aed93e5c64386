using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PbxLab.Harness.Scenarios;

/// <summary>Reading of the call-history expectations: expectHistory with its records, and expectSpeedDials.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] HistoryRecordKeys =
        ["direction", "outcome", "number", "e164", "name", "nameSource", "internal", "duration", "tolerance"];

    private ExpectHistoryStep? ReadExpectHistory(YamlNode value, string path, SourceLocation location)
    {
        if (ExpectMapping(value, path, "a mapping { user: <name>, count: 1, records: [ { outcome: missed } ] }") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, ["user", "count", "records", "within"]);
        var userNode = Required(mapping, path, "user", "<user name>");
        var user = userNode is null ? null : ReadUserName(userNode, $"{path}.user");
        var countNode = Child(mapping, "count");
        var count = countNode is null ? null : ReadIntInRange(countNode, $"{path}.count", 0, int.MaxValue);
        var recordsNode = Child(mapping, "records");
        var records = recordsNode is null ? null : ReadHistoryRecords(recordsNode, $"{path}.records");
        var withinNode = Child(mapping, "within");
        var within = withinNode is null ? ExpectStep.DefaultWithin : ReadPositiveDuration(withinNode, $"{path}.within");

        if (countNode is null && recordsNode is null)
        {
            Error(mapping.Start, $"{path}: nothing to expect. Add count, records or both.");
            return null;
        }

        if (count is { } expected && records is not null && expected != records.Count)
        {
            Error(countNode!.Start, $"{path}.count: count is {expected} but records lists {records.Count}. Make them agree, or leave count out.");
            return null;
        }

        var valid = user is not null
            && (countNode is null || count is not null)
            && (recordsNode is null || records is not null)
            && within is not null;
        return valid ? new ExpectHistoryStep(location, user!, count, records, within!.Value) : null;
    }

    private List<HistoryRecordExpectation>? ReadHistoryRecords(YamlNode node, string path)
    {
        if (ExpectSequence(node, path, "a list of records such as [ { direction: incoming, outcome: missed } ]") is not { } list)
        {
            return null;
        }

        var records = new List<HistoryRecordExpectation>();
        var valid = true;
        for (var index = 0; index < list.Children.Count; index++)
        {
            var record = ReadHistoryRecord(list.Children[index], $"{path}[{index}]");
            if (record is null)
            {
                valid = false;
                continue;
            }

            records.Add(record);
        }

        return valid ? records : null;
    }

    /// <summary>Reads one expected record. Every key is optional, so '{}' only counts a record.</summary>
    private HistoryRecordExpectation? ReadHistoryRecord(YamlNode node, string path)
    {
        if (ExpectMapping(node, path, "a mapping such as { direction: incoming, outcome: missed } or {}") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, HistoryRecordKeys);
        var valid = true;
        T? Read<T>(string key, Func<YamlNode, string, T?> read)
        {
            var child = Child(mapping, key);
            if (child is null)
            {
                return default;
            }

            var result = read(child, $"{path}.{key}");
            valid &= result is not null;
            return result;
        }

        var direction = Read("direction", (child, childPath) => ReadEnum<HistoryDirection>(child, childPath, ScenarioText.Camel));
        var outcome = Read("outcome", (child, childPath) => ReadEnum<HistoryOutcome>(child, childPath, ScenarioText.Camel));
        var number = Read("number", ReadPresentedNumberOrAbsent);
        var e164 = Read("e164", ReadE164OrAbsent);
        var name = Read("name", (child, childPath) => ReadTextOrAbsent(child, childPath, "the remote party's name"));
        var nameSource = Read("nameSource", (child, childPath) => ReadEnum<HistoryNameSource>(child, childPath, ScenarioText.Camel));
        var isInternal = Read("internal", ReadBool);
        var duration = Read("duration", ReadDuration);
        var tolerance = Read("tolerance", ReadDuration);

        if (Child(mapping, "tolerance") is not null && Child(mapping, "duration") is null)
        {
            Error(KeyMark(mapping, "tolerance"), $"{path}.tolerance: 'tolerance' applies only with 'duration'. Add duration or remove tolerance.");
            valid = false;
        }

        if (!valid)
        {
            return null;
        }

        return new HistoryRecordExpectation(
            Location(mapping.Start), direction, outcome, number, e164, name, nameSource, isInternal, duration,
            tolerance ?? HistoryRecordExpectation.DefaultTolerance);
    }

    /// <summary>Reads a text value where 'none' (in any case) means a record without that value.</summary>
    private string? ReadTextOrAbsent(YamlNode node, string path, string what)
    {
        var text = ReadString(node, path, $"{what} or {HistoryRecordExpectation.Absent}");
        return string.Equals(text, HistoryRecordExpectation.Absent, StringComparison.OrdinalIgnoreCase) ? HistoryRecordExpectation.Absent : text;
    }

    /// <summary>
    /// Reads the number a record shows, as the PBX presented it: digits with an optional leading
    /// '+' (and '*' or '#' as a phone may dial them), or 'none'.
    /// </summary>
    private string? ReadPresentedNumberOrAbsent(YamlNode node, string path)
    {
        if (ReadText(node, path, $"the number the record shows or {HistoryRecordExpectation.Absent}") is not { } scalar)
        {
            return null;
        }

        if (string.Equals(scalar.Value, HistoryRecordExpectation.Absent, StringComparison.OrdinalIgnoreCase))
        {
            return HistoryRecordExpectation.Absent;
        }

        var digits = scalar.Value.StartsWith('+') ? scalar.Value[1..] : scalar.Value;
        if (digits.Length > 0 && digits.All(character => char.IsAsciiDigit(character) || character is '*' or '#'))
        {
            return scalar.Value;
        }

        Error(scalar.Mark,
            $"{scalar.Path}: invalid number '{scalar.Value}'. Write the number as the PBX presents it, digits with an optional leading '+' "
            + $"such as \"00123456789\" or \"201\", or {HistoryRecordExpectation.Absent} for a withheld number.");
        return null;
    }

    private string? ReadE164OrAbsent(YamlNode node, string path)
    {
        if (ReadText(node, path, $"an E.164 number or {HistoryRecordExpectation.Absent}") is not { } scalar)
        {
            return null;
        }

        if (string.Equals(scalar.Value, HistoryRecordExpectation.Absent, StringComparison.OrdinalIgnoreCase))
        {
            return HistoryRecordExpectation.Absent;
        }

        if (NormalizeE164(scalar.Value) is { } number)
        {
            return number;
        }

        Error(scalar.Mark,
            $"{scalar.Path}: invalid E.164 number '{scalar.Value}'. Write '+' and 1 to {MaxE164Digits} digits such as \"+33123456789\", or {HistoryRecordExpectation.Absent} for a record without one.");
        return null;
    }

    private ExpectSpeedDialsStep? ReadExpectSpeedDials(YamlNode value, string path, SourceLocation location)
    {
        if (ExpectMapping(value, path, "a mapping { user: <name>, available: [<contact name>], notAvailable: [<contact name>] }") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, ["user", "available", "notAvailable", "within"]);
        var userNode = Required(mapping, path, "user", "<user name>");
        var user = userNode is null ? null : ReadUserName(userNode, $"{path}.user");

        // Names are compared without regard to case, so 'Dr Martin' and 'dr martin' count as one speed dial.
        var seen = new Dictionary<string, (string Key, Mark Mark)>(StringComparer.OrdinalIgnoreCase);
        var availableNode = Child(mapping, "available");
        var available = availableNode is null ? [] : ReadSpeedDialNames(availableNode, $"{path}.available", "available", seen);
        var notAvailableNode = Child(mapping, "notAvailable");
        var notAvailable = notAvailableNode is null ? [] : ReadSpeedDialNames(notAvailableNode, $"{path}.notAvailable", "notAvailable", seen);
        var withinNode = Child(mapping, "within");
        var within = withinNode is null ? ExpectStep.DefaultWithin : ReadPositiveDuration(withinNode, $"{path}.within");

        if (availableNode is null && notAvailableNode is null)
        {
            Error(mapping.Start, $"{path}: nothing to expect. Add available, notAvailable or both, each a list of contact names.");
            return null;
        }

        if (user is null || available is null || notAvailable is null || within is null)
        {
            return null;
        }

        return new ExpectSpeedDialsStep(location, user, available, notAvailable, within.Value);
    }

    /// <summary>Reads contact names and reports a name seen before, in this list or the other.</summary>
    private List<string>? ReadSpeedDialNames(YamlNode node, string path, string key, Dictionary<string, (string Key, Mark Mark)> seen)
    {
        if (ReadScalarItems(node, path, "a contact name") is not { } items)
        {
            return null;
        }

        var names = new List<string>();
        var valid = true;
        foreach (var (itemNode, itemPath) in items)
        {
            if (ReadText(itemNode, itemPath, "a contact name") is not { } name)
            {
                valid = false;
                continue;
            }

            if (seen.TryGetValue(name.Value, out var first))
            {
                var message = first.Key == key
                    ? $"{name.Path}: '{name.Value}' is listed twice (first at line {first.Mark.Line}). List each speed dial once."
                    : $"{name.Path}: '{name.Value}' is also listed in {first.Key} (line {first.Mark.Line}). A speed dial is either available or not available.";
                Error(name.Mark, message);
                valid = false;
                continue;
            }

            seen[name.Value] = (key, name.Mark);
            names.Add(name.Value);
        }

        return valid ? names : null;
    }
}
