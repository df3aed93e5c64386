using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

/// <summary>Builds scenario text around a few steps and loads it under the file name test.yaml.</summary>
internal static class ScenarioYaml
{
    public const string File = "test.yaml";

    /// <summary>Users alice (201) and bob (202); the header is 9 lines, so the first step is on line 10.</summary>
    public const string Header = """
        scenario: Test
        users:
          - name: alice
            email: alice@contoso.com
            device: "201"
          - name: bob
            email: bob@contoso.com
            device: "202"
        steps:

        """;

    public static ScenarioLoadResult Load(string text) => ScenarioLoader.LoadText(text, File);

    public static ScenarioLoadResult LoadSteps(params string[] steps) =>
        Load(Header + string.Concat(steps.Select(step => $"  - {step}\n")));

    public static ScenarioStep SingleStep(string step)
    {
        var result = LoadSteps(step);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return Assert.Single(result.Scenario!.Cases[0].Steps);
    }

    public static string SingleError(string text)
    {
        var result = Load(text);
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors).ToString();
    }
}
