namespace PbxLab.Harness.Scenarios;

/// <summary>The scenario files found for the paths on a command line, and the paths that could not be used.</summary>
public sealed record ScenarioFileSet(IReadOnlyList<string> Files, IReadOnlyList<string> Errors);

/// <summary>Expands command-line paths into scenario files.</summary>
public static class ScenarioFiles
{
    /// <summary>
    /// Returns each file as given and, for each folder, its *.yaml and *.yml files at any depth in
    /// ordinal order. A path that does not exist, or a folder without scenario files, is an error.
    /// </summary>
    public static ScenarioFileSet Resolve(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var errors = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
                continue;
            }

            if (!Directory.Exists(path))
            {
                errors.Add($"path not found: {path}. Give a scenario file or a folder that holds *.yaml or *.yml files.");
                continue;
            }

            var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(file => file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (found.Count == 0)
            {
                errors.Add($"no scenario files in {path}. The folder and its subfolders hold no *.yaml or *.yml file.");
            }

            files.AddRange(found);
        }

        return new ScenarioFileSet(files.Distinct(StringComparer.Ordinal).ToList(), errors);
    }
}
