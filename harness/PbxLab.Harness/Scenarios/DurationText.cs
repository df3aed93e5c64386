using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace PbxLab.Harness.Scenarios;

/// <summary>
/// Parses and formats scenario durations: a number with a unit (500ms, 5s, 30m, 30 min, 1h), several
/// such parts in a row (1h 30m), or ISO-8601 (PT5M).
/// </summary>
public static partial class DurationText
{
    /// <summary>The forms a duration may take, for error messages.</summary>
    public const string AcceptedForms = "a number with ms, s, m, min or h (500ms, 5s, 30m, 30 min, 1h) or ISO-8601 (PT5M)";

    [GeneratedRegex(@"\G\s*(?<number>\d+(?:\.\d+)?)\s*(?<unit>ms|sec|s|min|m|hr|h)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();

    /// <summary>Parses a duration; returns false for anything that is not one of the accepted forms or is negative.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith('P') || trimmed.StartsWith('p'))
        {
            return TryParseIso(trimmed.ToUpperInvariant(), out duration);
        }

        return TryParseParts(trimmed, out duration);
    }

    /// <summary>Formats a duration in the shortest scenario form: 0s, 500ms, 5s, 1m30s, 2h.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var sign = duration < TimeSpan.Zero ? "-" : "";
        var value = duration.Duration();
        var parts = new List<string>();
        if (value.Days > 0 || value.Hours > 0)
        {
            parts.Add($"{(int)value.TotalHours}h");
        }

        if (value.Minutes > 0)
        {
            parts.Add($"{value.Minutes}m");
        }

        if (value.Seconds > 0)
        {
            parts.Add($"{value.Seconds}s");
        }

        if (value.Milliseconds > 0)
        {
            parts.Add($"{value.Milliseconds}ms");
        }

        return parts.Count == 0 ? "0s" : sign + string.Concat(parts);
    }

    private static bool TryParseIso(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }

        return duration >= TimeSpan.Zero;
    }

    private static bool TryParseParts(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var position = 0;
        var total = 0.0;
        while (position < text.Length)
        {
            var match = PartPattern().Match(text, position);
            if (!match.Success || match.Length == 0)
            {
                return false;
            }

            var number = double.Parse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            total += number * MillisecondsPerUnit(match.Groups["unit"].Value);
            position += match.Length;
        }

        if (total > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }

    private static double MillisecondsPerUnit(string unit) => unit.ToLowerInvariant() switch
    {
        "ms" => 1,
        "s" or "sec" => 1_000,
        "m" or "min" => 60_000,
        _ => 3_600_000,
    };
}
