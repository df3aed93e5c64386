using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Running;

/// <summary>Compares a user's call history and speed dials with what a scenario expects. Pure; no I/O.</summary>
public static class HistoryMatcher
{
    /// <summary>Returns one line per difference; empty when the history matches.</summary>
    public static IReadOnlyList<string> Match(ExpectHistoryStep expect, IReadOnlyList<HistoryRecordObservation> records)
    {
        var mismatches = new List<string>();
        var expectedCount = expect.Count ?? expect.Records?.Count;
        if (expectedCount is { } count && records.Count != count)
        {
            mismatches.Add($"{records.Count} record{(records.Count == 1 ? "" : "s")}, expected {count}");
        }

        if (expect.Records is not { } expectedRecords)
        {
            return mismatches;
        }

        for (var index = 0; index < Math.Min(expectedRecords.Count, records.Count); index++)
        {
            foreach (var difference in Compare(expectedRecords[index], records[index]))
            {
                mismatches.Add($"record {index + 1} {difference}");
            }
        }

        return mismatches;
    }

    /// <summary>Returns the names missing from or wrongly placed in the speed-dial view; empty when it matches.</summary>
    public static IReadOnlyList<string> Match(ExpectSpeedDialsStep expect, IReadOnlyList<SpeedDialObservation> entries)
    {
        var mismatches = new List<string>();
        var observed = entries.GroupBy(entry => entry.DisplayName, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().Available, StringComparer.Ordinal);

        foreach (var name in expect.Available)
        {
            if (!observed.TryGetValue(name, out var available))
            {
                mismatches.Add($"'{name}' is missing, expected available");
            }
            else if (!available)
            {
                mismatches.Add($"'{name}' is NOT AVAILABLE, expected available");
            }
        }

        foreach (var name in expect.NotAvailable)
        {
            if (!observed.TryGetValue(name, out var available))
            {
                mismatches.Add($"'{name}' is missing, expected NOT AVAILABLE");
            }
            else if (available)
            {
                mismatches.Add($"'{name}' is available, expected NOT AVAILABLE");
            }
        }

        var expectedNames = expect.Available.Concat(expect.NotAvailable).ToHashSet(StringComparer.Ordinal);
        foreach (var name in observed.Keys.Where(name => !expectedNames.Contains(name)))
        {
            mismatches.Add($"'{name}' is listed but not expected");
        }

        return mismatches;
    }

    public static string DescribeExpected(ExpectHistoryStep expect)
    {
        if (expect.Records is not { } records)
        {
            return $"{expect.Count} records";
        }

        return records.Count == 0
            ? "no records"
            : string.Join("; ", records.Select((record, index) => $"{index + 1}: {Describe(record)}"));
    }

    public static string DescribeObserved(IReadOnlyList<HistoryRecordObservation> records) =>
        records.Count == 0
            ? "no records"
            : string.Join("; ", records.Select((record, index) => $"{index + 1}: {Describe(record)}"));

    public static string DescribeExpected(ExpectSpeedDialsStep expect) =>
        $"available [{string.Join(", ", expect.Available)}], NOT AVAILABLE [{string.Join(", ", expect.NotAvailable)}]";

    public static string DescribeObserved(IReadOnlyList<SpeedDialObservation> entries) =>
        $"available [{string.Join(", ", entries.Where(entry => entry.Available).Select(entry => entry.DisplayName))}], "
        + $"NOT AVAILABLE [{string.Join(", ", entries.Where(entry => !entry.Available).Select(entry => entry.DisplayName))}]";

    private static IEnumerable<string> Compare(HistoryRecordExpectation expected, HistoryRecordObservation observed)
    {
        if (expected.Direction is { } direction && direction != observed.Direction)
        {
            yield return $"direction was {Camel(observed.Direction)}, expected {Camel(direction)}";
        }

        if (expected.Outcome is { } outcome && outcome != observed.Outcome)
        {
            yield return $"outcome was {Camel(observed.Outcome)}, expected {Camel(outcome)}";
        }

        if (expected.Number is { } number && !SameText(number, observed.Number))
        {
            yield return $"number was {Text(observed.Number)}, expected {number}";
        }

        if (expected.E164 is { } e164 && !SameText(e164, observed.E164))
        {
            yield return $"e164 was {Text(observed.E164)}, expected {e164}";
        }

        if (expected.Name is { } name && !SameText(name, observed.Name))
        {
            yield return $"name was {Text(observed.Name)}, expected {name}";
        }

        if (expected.NameSource is { } source && source != observed.NameSource)
        {
            yield return $"nameSource was {Camel(observed.NameSource)}, expected {Camel(source)}";
        }

        if (expected.Internal is { } isInternal && isInternal != observed.Internal)
        {
            yield return $"internal was {Bool(observed.Internal)}, expected {Bool(isInternal)}";
        }

        if (expected.Duration is { } duration && (observed.Duration - duration).Duration() > expected.Tolerance)
        {
            yield return $"duration was {DurationText.Format(observed.Duration)}, expected {DurationText.Format(duration)} ± {DurationText.Format(expected.Tolerance)}";
        }
    }

    private static string Describe(HistoryRecordExpectation record)
    {
        var parts = new List<string>();
        if (record.Direction is { } direction)
        {
            parts.Add(Camel(direction));
        }

        if (record.Outcome is { } outcome)
        {
            parts.Add(Camel(outcome));
        }

        if (record.Number is { } number)
        {
            parts.Add($"number {number}");
        }

        if (record.E164 is { } e164)
        {
            parts.Add($"e164 {e164}");
        }

        if (record.Name is { } name)
        {
            parts.Add($"name {name}");
        }

        if (record.NameSource is { } source)
        {
            parts.Add($"from {Camel(source)}");
        }

        if (record.Internal is { } isInternal)
        {
            parts.Add(isInternal ? "internal" : "external");
        }

        if (record.Duration is { } duration)
        {
            parts.Add($"duration {DurationText.Format(duration)}");
        }

        return parts.Count == 0 ? "any record" : string.Join(" ", parts);
    }

    private static string Describe(HistoryRecordObservation record) =>
        $"{Camel(record.Direction)} {Camel(record.Outcome)} number {Text(record.Number)} e164 {Text(record.E164)} "
        + $"name {Text(record.Name)} from {Camel(record.NameSource)} {(record.Internal ? "internal" : "external")} "
        + $"duration {DurationText.Format(record.Duration)}";

    // 'none' in a scenario stands for a missing value; names and numbers compare as written.
    private static bool SameText(string expected, string? observed) =>
        expected == HistoryRecordExpectation.Absent ? observed is null : string.Equals(expected, observed, StringComparison.Ordinal);

    private static string Text(string? value) => value ?? HistoryRecordExpectation.Absent;

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Camel<TEnum>(TEnum value)
        where TEnum : struct, Enum => ScenarioText.Camel(value);
}
