using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PbxLab.Harness.Scenarios;

/// <summary>Table reading: every row becomes a case whose steps are the template with the row's cells substituted.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] TableKeys = ["columns", "rows", "steps"];

    private List<ScenarioCase>? ReadTable(YamlNode node)
    {
        if (ExpectMapping(node, "table", "a mapping with columns, rows and steps") is not { } table)
        {
            return null;
        }

        CheckKeys(table, "table", TableKeys);
        var columnsNode = Required(table, "table", "columns", "[column, ...]");
        var rowsNode = Required(table, "table", "rows", "[ [cell, ...], ... ]");
        var stepsNode = Required(table, "table", "steps", "[ ...steps using ${column}... ]");
        var columns = columnsNode is null ? null : ReadColumns(columnsNode);
        if (columns is null || rowsNode is null || stepsNode is null)
        {
            return null;
        }

        if (ExpectSequence(rowsNode, "table.rows", "a list of rows, each a list of cells") is not { } rows)
        {
            return null;
        }

        if (rows.Children.Count == 0)
        {
            Error(rows.Start, "table.rows: the list is empty. Add at least one row.");
            return null;
        }

        var cases = new List<ScenarioCase>();
        for (var index = 0; index < rows.Children.Count; index++)
        {
            var row = ReadRow(rows.Children[index], index, columns);
            if (row is null)
            {
                continue;
            }

            _row = row;
            var steps = ReadCaseSteps(stepsNode, "table.steps");
            _row = null;

            var cells = columns.Select(column => new KeyValuePair<string, string>(column, row.Cells[column].Value)).ToList();
            var name = $"row {index + 1}: " + string.Join(", ", cells.Select(cell => $"{cell.Key}={cell.Value}"));
            cases.Add(new ScenarioCase(name, index + 1, cells, steps, Location(rows.Children[index].Start)));
        }

        return cases;
    }

    private List<string>? ReadColumns(YamlNode node)
    {
        if (ExpectSequence(node, "table.columns", "a list of column names") is not { } list)
        {
            return null;
        }

        if (list.Children.Count == 0)
        {
            Error(list.Start, "table.columns: the list is empty. Name at least one column.");
            return null;
        }

        var columns = new List<string>();
        for (var index = 0; index < list.Children.Count; index++)
        {
            var path = $"table.columns[{index}]";
            var name = ReadString(list.Children[index], path, "a column name");
            if (name is null)
            {
                return null;
            }

            if (columns.Contains(name, StringComparer.Ordinal))
            {
                Error(list.Children[index].Start, $"{path}: duplicate column '{name}'. Give each column a unique name.");
                return null;
            }

            columns.Add(name);
        }

        return columns;
    }

    private RowContext? ReadRow(YamlNode node, int index, IReadOnlyList<string> columns)
    {
        var path = $"table.rows[{index}]";
        if (ExpectSequence(node, path, $"a list of {columns.Count} cells ({string.Join(", ", columns)})") is not { } row)
        {
            return null;
        }

        if (row.Children.Count != columns.Count)
        {
            Error(row.Start, $"{path}: the row has {row.Children.Count} cells but the table has {columns.Count} columns ({string.Join(", ", columns)}). Give one cell per column.");
            return null;
        }

        var cells = new Dictionary<string, (string Value, Mark Mark)>(StringComparer.Ordinal);
        for (var column = 0; column < columns.Count; column++)
        {
            var cell = row.Children[column];
            if (cell is not YamlScalarNode scalar)
            {
                Error(cell.Start, $"{path}[{column}]: expected a value for column '{columns[column]}', found {Describe(cell)}.");
                return null;
            }

            cells[columns[column]] = (scalar.Value ?? "", scalar.Start);
        }

        return new RowContext(index, columns, cells);
    }
}
