using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PbxLab.Harness.Scenarios;

/// <summary>Node access helpers of the reader: typed scalars, mappings and lists, each reporting what is wrong.</summary>
internal sealed partial class ScenarioReader
{
    [GeneratedRegex(@"\$\{(?<name>[^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    /// <summary>A scalar after table substitution; Mark points at the table cell when the value came from one.</summary>
    private readonly record struct Scalar(string Value, Mark Mark, string Path);

    private void Error(Mark mark, string message)
    {
        var error = new ScenarioError(_file, (int)mark.Line, (int)mark.Column, message);

        // A template step is read once per table row; its own mistakes are reported once.
        if (_reported.Add(error.ToString()))
        {
            _errors.Add(error);
        }
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "an empty value",
        YamlScalarNode scalar => $"the value '{scalar.Value}'",
        YamlSequenceNode => "a list",
        _ => "a mapping",
    };

    private YamlMappingNode? ExpectMapping(YamlNode node, string path, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Error(node.Start, $"{path}: expected {what}, found {Describe(node)}.");
        return null;
    }

    private YamlSequenceNode? ExpectSequence(YamlNode node, string path, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Error(node.Start, $"{path}: expected {what}, found {Describe(node)}.");
        return null;
    }

    /// <summary>Reports keys outside the known set, suggesting the closest known key.</summary>
    private void CheckKeys(YamlMappingNode mapping, string path, IReadOnlyList<string> knownKeys)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (knownKeys.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            if (knownKeys.Count == 0)
            {
                Error(key.Start, $"{path}: unknown key '{name}'. This step takes no keys, so write it with an empty mapping '{{}}'.");
                continue;
            }

            var suggestion = ScenarioText.ClosestMatch(name, knownKeys);
            var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
            Error(key.Start, $"{path}: unknown key '{name}'.{hint} Known keys: {string.Join(", ", knownKeys)}.");
        }
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(pair => (pair.Key as YamlScalarNode)?.Value == key).Value;

    private static Mark KeyMark(YamlMappingNode mapping, string key) =>
        mapping.Children.Keys.FirstOrDefault(node => (node as YamlScalarNode)?.Value == key)?.Start ?? mapping.Start;

    private YamlNode? Required(YamlMappingNode mapping, string path, string key, string hint)
    {
        var value = Child(mapping, key);
        if (value is null)
        {
            Error(mapping.Start, $"{path}: missing required key '{key}'. Add '{key}: {hint}'.");
        }

        return value;
    }

    /// <summary>Returns the scalar's text with table placeholders substituted, or null after reporting why it cannot.</summary>
    private Scalar? ReadScalar(YamlNode node, string path, string what)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node.Start, $"{path}: expected {what}, found {Describe(node)}.");
            return null;
        }

        var text = scalar.Value ?? "";
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return new Scalar(text, scalar.Start, path);
        }

        if (_row is null)
        {
            Error(scalar.Start, $"{path}: '{text}' holds a table placeholder, which only table.steps may use. Write the value itself.");
            return null;
        }

        return Substitute(scalar, text, path, _row);
    }

    private Scalar? Substitute(YamlScalarNode scalar, string text, string path, RowContext row)
    {
        var unknown = false;
        string? onlyColumn = null;
        var placeholders = PlaceholderPattern().Matches(text);
        foreach (Match placeholder in placeholders)
        {
            var name = placeholder.Groups["name"].Value;
            if (!row.Cells.ContainsKey(name))
            {
                Error(scalar.Start, $"{path}: '${{{name}}}' is not a column of the table. Columns: {string.Join(", ", row.Columns)}.");
                unknown = true;
            }

            onlyColumn = name;
        }

        if (unknown)
        {
            return null;
        }

        var value = PlaceholderPattern().Replace(text, match => row.Cells[match.Groups["name"].Value].Value);

        // A value that is one placeholder points at its cell, so a bad cell is reported on the row's line.
        if (placeholders.Count == 1 && placeholders[0].Length == text.Length && onlyColumn is not null)
        {
            var cell = row.Cells[onlyColumn];
            return new Scalar(value, cell.Mark, $"{path} (table.rows[{row.Index}] column '{onlyColumn}')");
        }

        return new Scalar(value, scalar.Start, $"{path} (table.rows[{row.Index}])");
    }

    private string? ReadString(YamlNode node, string path, string what) => ReadText(node, path, what)?.Value;

    /// <summary>Returns the trimmed, non-empty scalar with its mark and path, or null after reporting why it is not one.</summary>
    private Scalar? ReadText(YamlNode node, string path, string what)
    {
        var scalar = ReadScalar(node, path, what);
        if (scalar is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(scalar.Value.Value))
        {
            Error(scalar.Value.Mark, $"{scalar.Value.Path}: empty value. Give {what}.");
            return null;
        }

        return scalar.Value with { Value = scalar.Value.Value.Trim() };
    }

    private bool? ReadBool(YamlNode node, string path)
    {
        var scalar = ReadScalar(node, path, "true or false");
        if (scalar is null)
        {
            return null;
        }

        switch (scalar.Value.Value.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Error(scalar.Value.Mark, $"{scalar.Value.Path}: invalid value '{scalar.Value.Value}'. Use true or false.");
                return null;
        }
    }

    private int? ReadPositiveInt(YamlNode node, string path)
    {
        var scalar = ReadScalar(node, path, "a whole number");
        if (scalar is null)
        {
            return null;
        }

        if (int.TryParse(scalar.Value.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            return number;
        }

        Error(scalar.Value.Mark, $"{scalar.Value.Path}: invalid value '{scalar.Value.Value}'. Use a whole number greater than 0.");
        return null;
    }

    /// <summary>Reads a whole number from min to max, both included.</summary>
    private int? ReadIntInRange(YamlNode node, string path, int min, int max)
    {
        var scalar = ReadScalar(node, path, "a whole number");
        if (scalar is null)
        {
            return null;
        }

        if (int.TryParse(scalar.Value.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            && number >= min && number <= max)
        {
            return number;
        }

        var range = (min, max) switch
        {
            (int.MinValue, int.MaxValue) => "a whole number",
            (_, int.MaxValue) => $"a whole number of at least {min}",
            _ => $"a whole number from {min} to {max}",
        };
        Error(scalar.Value.Mark, $"{scalar.Value.Path}: invalid value '{scalar.Value.Value}'. Use {range}.");
        return null;
    }

    /// <summary>Reads a duration that must be greater than zero, such as a deadline.</summary>
    private TimeSpan? ReadPositiveDuration(YamlNode node, string path)
    {
        var scalar = ReadScalar(node, path, "a duration");
        if (scalar is null)
        {
            return null;
        }

        if (!DurationText.TryParse(scalar.Value.Value, out var duration))
        {
            Error(scalar.Value.Mark, $"{scalar.Value.Path}: invalid duration '{scalar.Value.Value}'. Use {DurationText.AcceptedForms}.");
            return null;
        }

        if (duration <= TimeSpan.Zero)
        {
            Error(scalar.Value.Mark, $"{scalar.Value.Path}: the duration '{scalar.Value.Value}' is zero. Use a duration greater than zero, such as 5s.");
            return null;
        }

        return duration;
    }

    /// <summary>
    /// Returns the scalars of a value that may be one scalar or a list of scalars (none for an empty
    /// value), or null after reporting a mapping or a list item that is not a scalar.
    /// </summary>
    private List<(YamlNode Node, string Path)>? ReadScalarItems(YamlNode node, string path, string what)
    {
        switch (node)
        {
            case YamlScalarNode { Value: null or "" }:
                return [];
            case YamlScalarNode:
                return [(node, path)];
            case YamlSequenceNode list:
                var items = new List<(YamlNode Node, string Path)>();
                for (var index = 0; index < list.Children.Count; index++)
                {
                    var item = list.Children[index];
                    if (item is not YamlScalarNode)
                    {
                        Error(item.Start, $"{path}[{index}]: expected {what}, found {Describe(item)}.");
                        return null;
                    }

                    items.Add((item, $"{path}[{index}]"));
                }

                return items;
            default:
                Error(node.Start, $"{path}: expected {what} or a list of them, found {Describe(node)}.");
                return null;
        }
    }

    private TimeSpan? ReadDuration(YamlNode node, string path)
    {
        var scalar = ReadScalar(node, path, "a duration");
        if (scalar is null)
        {
            return null;
        }

        if (DurationText.TryParse(scalar.Value.Value, out var duration))
        {
            return duration;
        }

        Error(scalar.Value.Mark, $"{scalar.Value.Path}: invalid duration '{scalar.Value.Value}'. Use {DurationText.AcceptedForms}.");
        return null;
    }

    /// <summary>Reads one of the allowed spellings, ignoring case, and returns it as spelled in the list.</summary>
    private string? ReadChoice(YamlNode node, string path, IReadOnlyList<string> allowed)
    {
        var scalar = ReadScalar(node, path, $"one of {string.Join(", ", allowed)}");
        if (scalar is null)
        {
            return null;
        }

        var text = scalar.Value.Value.Trim();
        var match = allowed.FirstOrDefault(value => string.Equals(value, text, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return match;
        }

        var suggestion = ScenarioText.ClosestMatch(text, allowed);
        var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
        Error(scalar.Value.Mark, $"{scalar.Value.Path}: invalid value '{scalar.Value.Value}'.{hint} Allowed values: {string.Join(", ", allowed)}.");
        return null;
    }

    private T? ReadEnum<T>(YamlNode node, string path, Func<T, string> spelling)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var names = values.Select(spelling).ToList();
        var choice = ReadChoice(node, path, names);
        return choice is null ? null : values[names.IndexOf(choice)];
    }
}
