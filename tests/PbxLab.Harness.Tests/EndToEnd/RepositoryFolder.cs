namespace PbxLab.Harness.Tests.EndToEnd;

/// <summary>Folders of this repository, found from the test binaries by looking for PbxLab.sln.</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = FindRoot();

    public static string Scenarios => Path.Combine(Root, "scenarios");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PbxLab.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException($"No PbxLab.sln above {AppContext.BaseDirectory}; run the tests from a clone of the repository.");
    }
}
