namespace PbxLab.Harness.Tests;

/// <summary>Common slips in scenario files: malformed YAML, a bare step kind, a bad record number, a shared email.</summary>
public class ScenarioInputTests
{
    [Fact]
    public void Unclosed_flow_mapping_is_an_error()
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

    [Fact]
    public void Bare_step_kind_shows_syntax()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - coreRestart\n");

        Assert.Equal("test.yaml:10:5: steps[0]: the step 'coreRestart' has no value. Write '- coreRestart: {}', with a colon after the kind.", error);
    }

    [Fact]
    public void Record_number_with_letters_rejected()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectHistory: { user: alice, records: [{ number: \"12ab\" }] }\n");

        Assert.Equal(
            "test.yaml:10:55: steps[0].expectHistory.records[0].number: invalid number '12ab'. Write the number as the PBX presents it, "
            + "digits with an optional leading '+' such as \"00123456789\" or \"201\", or none for a withheld number.",
            error);
    }

    [Fact]
    public void Shared_user_email_rejected()
    {
        var error = ScenarioYaml.SingleError(
            "scenario: x\nusers:\n  - { name: alice, email: alice@contoso.com, device: \"201\" }\n  - { name: bob, email: Alice@Contoso.com, device: \"202\" }\nsteps:\n  - answer: bob\n");

        Assert.Equal(
            "test.yaml:4:25: users[1].email: duplicate email 'Alice@Contoso.com' (first declared at line 3). Give each user their own CloudLink account.",
            error);
    }
}
