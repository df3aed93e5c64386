using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PbxLab.Harness.Scenarios;

/// <summary>
/// Loads scenario files: parses the YAML into a node tree that keeps each node's line and column,
/// then reads and validates it, collecting every error before anything runs.
/// </summary>
public static partial class ScenarioLoader
{
    // YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): ".
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex MarkPrefix();

    /// <summary>Reads and validates the file at the path; a file that cannot be read is reported as an error at 1:1.</summary>
    public static ScenarioLoadResult LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var error = new ScenarioError(path, 1, 1, $"cannot read the file: {exception.Message}");
            return new ScenarioLoadResult(path, null, [error]);
        }

        return LoadText(text, path);
    }

    /// <summary>Reads and validates scenario YAML; file is the name used in errors and reports.</summary>
    public static ScenarioLoadResult LoadText(string text, string file)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException exception)
        {
            var message = MarkPrefix().Replace(exception.Message, "");

            // YamlDotNet marks a tab in the indentation at the start of the enclosing mapping, so
            // the error points at the first indenting tab instead.
            if (FirstIndentingTab(text) is { } tab && message.Contains("tab", StringComparison.OrdinalIgnoreCase))
            {
                return new ScenarioLoadResult(file, null,
                    [new ScenarioError(file, tab.Line, tab.Column, "invalid YAML: a tab in the indentation. YAML indents with spaces only; replace the tab with spaces.")]);
            }

            var error = new ScenarioError(file, (int)exception.Start.Line, (int)exception.Start.Column, $"invalid YAML: {message}");
            return new ScenarioLoadResult(file, null, [error]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unclosed flow collections instead of
            // raising a YamlException; the last event it read is the closest known position.
            var mark = parser.Current?.End ?? Mark.Empty;
            var error = new ScenarioError(file, Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column),
                "invalid YAML: the parser cannot read on after this point. Look for an unclosed '{', '[' or quote on this line or the one before.");
            return new ScenarioLoadResult(file, null, [error]);
        }

        if (stream.Documents.Count == 0)
        {
            var error = new ScenarioError(file, 1, 1, "the file is empty. Write one scenario with at least 'scenario', 'users' and 'steps' or 'table'.");
            return new ScenarioLoadResult(file, null, [error]);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            var error = new ScenarioError(file, (int)second.Line, (int)second.Column,
                $"the file holds {stream.Documents.Count} YAML documents. Put one scenario in each file.");
            return new ScenarioLoadResult(file, null, [error]);
        }

        var reader = new ScenarioReader(file);
        var scenario = reader.Read(stream.Documents[0].RootNode);
        var errors = reader.Errors.OrderBy(error => error.Line).ThenBy(error => error.Column).ToList();
        return new ScenarioLoadResult(file, errors.Count == 0 ? scenario : null, errors);
    }

    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var indentation = lines[index].Length - lines[index].TrimStart(' ', '\t').Length;
            var tab = lines[index].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indentation)
            {
                return (index + 1, tab + 1);
            }
        }

        return null;
    }
}
