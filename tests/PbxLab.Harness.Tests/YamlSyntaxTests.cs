namespace PbxLab.Harness.Tests;

public class YamlSyntaxTests
{
    [Fact]
    public void Unclosed_flow_mapping_is_an_error_not_a_crash()
    {
        var error = ScenarioYaml.SingleError("scenario: x\nusers:\n  - { name: alice, email: a@b.c, device: \"201\"\nsteps:\n  - answer: alice\n");

        Assert.Equal(
            "test.yaml:3:3: invalid YAML: the parser cannot read on after this point. Look for an unclosed '{', '[' or quote on this line or the one before.",
            error);
    }

    [Fact]
    public void Tab_indentation_points_at_the_tab()
    {
        var error = ScenarioYaml.SingleError("scenario: y\nusers:\n  - name: alice\n\t  email: a@b.c\n");

        Assert.Equal("test.yaml:4:1: invalid YAML: a tab in the indentation. YAML indents with spaces only; replace the tab with spaces.", error);
    }
}
