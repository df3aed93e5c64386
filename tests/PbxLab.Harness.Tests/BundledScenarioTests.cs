using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

/// <summary>Every scenario shipped under scenarios/ must validate, so a broken one fails the build.</summary>
public class BundledScenarioTests
{
    private static string ScenariosFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PbxLab.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "scenarios");
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in ScenarioFiles.Resolve([ScenariosFolder()]).Files)
        {
            data.Add(Path.GetRelativePath(ScenariosFolder(), file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Bundled_scenario_is_valid(string file)
    {
        var result = ScenarioLoader.LoadFile(Path.Combine(ScenariosFolder(), file));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Presence_table_has_15_rows()
    {
        var result = ScenarioLoader.LoadFile(Path.Combine(ScenariosFolder(), "presence", "mivo400-presence-table.yaml"));

        var scenario = result.Scenario!;
        Assert.Equal(15, scenario.Cases.Count);
        Assert.Equal(["phone", "pbxUserPresence", "mitelOne", "teamsClient", "teams"], scenario.TableColumns);
        var lastExpect = Assert.IsType<ExpectStep>(scenario.Cases[14].Steps[^1]);
        Assert.Equal(CloudLinkPresence.Busy, lastExpect.CloudLink);
        Assert.Equal("DoNotDisturb", lastExpect.Teams);
    }

    [Fact]
    public void Scenarios_folder_has_files()
    {
        Assert.True(Files().Count >= 7);
    }
}
