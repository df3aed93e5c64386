using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

public class DirectoryReadingTests
{
    private static string Scenario(string users, string more = "") => $"""
        scenario: Directory
        {more}users:
        {users}
        steps:
          - advance: 1s
        """;

    [Fact]
    public void Pbx_region_and_presentation()
    {
        var result = ScenarioYaml.Load(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", "pbx: { region: ch, presentation: E164 }\n"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var pbx = result.Scenario!.Pbx;
        Assert.Equal("CH", pbx.Region);
        Assert.Equal(CallerNumberPresentation.E164, pbx.Presentation);
        Assert.Equal(PbxSettings.DefaultProfile, pbx.Profile);
    }

    [Fact]
    public void Pbx_presentation_with_trunk_access_code()
    {
        var result = ScenarioYaml.Load(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", "pbx: { presentation: withTrunkAccessCode }\n"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(CallerNumberPresentation.WithTrunkAccessCode, result.Scenario!.Pbx.Presentation);
        Assert.Null(result.Scenario.Pbx.Region);
    }

    [Fact]
    public void Pbx_unknown_region()
    {
        var error = ScenarioYaml.SingleError(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", "pbx: { region: UK }\n"));

        Assert.Equal("test.yaml:2:16: pbx.region: invalid value 'UK'. Did you mean 'US'? Allowed values: FR, CH, DE, SE, GB, US.", error);
    }

    [Fact]
    public void Pbx_unknown_presentation()
    {
        var error = ScenarioYaml.SingleError(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", "pbx: { presentation: international }\n"));

        Assert.Equal("test.yaml:2:22: pbx.presentation: invalid value 'international'. Allowed values: withTrunkAccessCode, national, e164.", error);
    }

    [Fact]
    public void User_phones_and_contacts()
    {
        var result = ScenarioYaml.Load(Scenario("""
              - name: alice
                email: alice@contoso.com
                device: "201"
                displayName: Alice Martin
                businessPhone: "+33 1 23 45 67 01"
                mobilePhone: "06 12 34 56 78"
                contacts:
                  - { name: Paul Durand, businessPhones: "01 23 45 67 89", homePhones: ["01 98 76 54 32", "(0)1-98.76/54 33"], mobilePhone: "+33612345679" }
                  - { name: Dr Martin }
            """));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var alice = Assert.Single(result.Scenario!.Users);
        Assert.Equal("Alice Martin", alice.DisplayName);
        Assert.Equal(["+33 1 23 45 67 01"], alice.BusinessPhones);
        Assert.Equal("06 12 34 56 78", alice.MobilePhone);
        Assert.Equal(2, alice.Contacts.Count);
        var paul = alice.Contacts[0];
        Assert.Equal("Paul Durand", paul.DisplayName);
        Assert.Equal(["01 23 45 67 89"], paul.BusinessPhones);
        Assert.Equal(["01 98 76 54 32", "(0)1-98.76/54 33"], paul.HomePhones);
        Assert.Equal("+33612345679", paul.MobilePhone);
        var martin = alice.Contacts[1];
        Assert.Equal("Dr Martin", martin.DisplayName);
        Assert.Empty(martin.BusinessPhones);
        Assert.Empty(martin.HomePhones);
        Assert.Null(martin.MobilePhone);
    }

    [Fact]
    public void User_business_phone_as_one_item_list()
    {
        var result = ScenarioYaml.Load(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\", businessPhone: [\"+41 44 123 45 67\"] }"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["+41 44 123 45 67"], result.Scenario!.Users[0].BusinessPhones);
    }

    [Fact]
    public void User_with_two_business_phones()
    {
        var error = ScenarioYaml.SingleError(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\", businessPhone: [\"0123456789\", \"0123456788\"] }"));

        Assert.Equal(
            "test.yaml:3:76: users[0].businessPhone: 2 numbers given, but Graph allows at most one business phone for a user. Keep one number.",
            error);
    }

    [Fact]
    public void Phone_with_letters()
    {
        var error = ScenarioYaml.SingleError(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\", mobilePhone: \"06 12 AB\" }"));

        Assert.Equal(
            "test.yaml:3:74: users[0].mobilePhone: invalid phone number '06 12 AB'. Use digits, spaces and + ( ) - . / only, such as \"+33 1 23 45 67 89\".",
            error);
    }

    [Fact]
    public void Phone_with_two_digits()
    {
        var error = ScenarioYaml.SingleError(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\", contacts: [ { name: Paul, homePhones: [\"+1 2\"] } ] }"));

        Assert.Equal(
            "test.yaml:3:100: users[0].contacts[0].homePhones[0]: invalid phone number '+1 2'. A phone number has at least 3 digits, this one has 2.",
            error);
    }

    [Fact]
    public void Duplicate_contact_name()
    {
        var error = ScenarioYaml.SingleError(Scenario("""
              - name: alice
                email: alice@contoso.com
                device: "201"
                contacts:
                  - { name: Paul Durand, mobilePhone: "0612345678" }
                  - { name: paul durand }
            """));

        Assert.Equal(
            "test.yaml:8:17: users[0].contacts[1].name: duplicate contact 'paul durand' (first declared at line 7). Give each contact of a user a unique name.",
            error);
    }

    [Fact]
    public void Same_contact_name_for_two_users()
    {
        var result = ScenarioYaml.Load(Scenario("""
              - { name: alice, email: alice@contoso.com, device: "201", contacts: [ { name: Paul } ] }
              - { name: bob, email: bob@contoso.com, device: "202", contacts: [ { name: Paul } ] }
            """));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Directory_people_and_generate()
    {
        var result = ScenarioYaml.Load(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", """
            directory:
              people:
                - { name: Paul Durand, email: paul@contoso.com, businessPhone: "+33 1 23 45 67 89", mobilePhone: "+33 6 12 34 56 78" }
                - { name: Anna Meier, email: anna@contoso.com }
              generate: { users: 1000, contactsPerUser: 0, seed: -7, locales: [FR, de_ch] }

            """));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var directory = result.Scenario!.Directory;
        Assert.Equal(2, directory.People.Count);
        var paul = directory.People[0];
        Assert.Equal(("Paul Durand", "paul@contoso.com", "+33 6 12 34 56 78"), (paul.DisplayName, paul.Email, paul.MobilePhone));
        Assert.Equal(["+33 1 23 45 67 89"], paul.BusinessPhones);
        Assert.Empty(directory.People[1].BusinessPhones);
        Assert.Null(directory.People[1].MobilePhone);
        var generate = directory.Generate!;
        Assert.Equal((1000, 0, -7), (generate.UserCount, generate.ContactsPerUser, generate.Seed));
        Assert.Equal(["fr", "de_CH"], generate.Locales);
        Assert.Null(directory.ImportPath);
    }

    [Fact]
    public void Directory_generate_defaults()
    {
        var result = ScenarioYaml.Load(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", "directory: { generate: { users: 10 } }\n"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var generate = result.Scenario!.Directory.Generate!;
        Assert.Equal((10, 3, 1), (generate.UserCount, generate.ContactsPerUser, generate.Seed));
        Assert.Equal(["fr", "de_CH", "de", "sv", "en_GB", "en_US"], generate.Locales);
    }

    [Fact]
    public void Directory_left_out_is_empty()
    {
        var scenario = ScenarioYaml.LoadSteps("advance: 1s").Scenario!;

        Assert.Same(DirectoryDefinition.Empty, scenario.Directory);
    }

    [Fact]
    public void Generate_too_many_users()
    {
        var error = ScenarioYaml.SingleError(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", "directory: { generate: { users: 100001 } }\n"));

        Assert.Equal("test.yaml:2:33: directory.generate.users: invalid value '100001'. Use a whole number from 1 to 100000.", error);
    }

    [Fact]
    public void Generate_too_many_contacts()
    {
        var error = ScenarioYaml.SingleError(Scenario(
            "  - { name: alice, email: alice@contoso.com, device: \"201\" }", "directory: { generate: { users: 5, contactsPerUser: 51 } }\n"));

        Assert.Equal("test.yaml:2:53: directory.generate.contactsPerUser: invalid value '51'. Use a whole number from 0 to 50.", error);
    }

    [Fact]
    public void Generate_unknown_locale()
    {
        var error = ScenarioYaml.SingleError(Scenario(
            "  - { name: alice, email: alice@contoso.com, device: \"201\" }", "directory: { generate: { users: 5, locales: [en_UK] } }\n"));

        Assert.Equal(
            "test.yaml:2:46: directory.generate.locales[0]: invalid value 'en_UK'. Did you mean 'en_US'? Allowed values: fr, de_CH, de, sv, en_GB, en_US.",
            error);
    }

    [Fact]
    public void Person_email_of_a_user()
    {
        var error = ScenarioYaml.SingleError(Scenario(
            "  - { name: alice, email: alice@contoso.com, device: \"201\" }", "directory: { people: [ { name: Alice Again, email: Alice@Contoso.com } ] }\n"));

        Assert.Equal(
            "test.yaml:2:52: directory.people[0].email: 'Alice@Contoso.com' is already the email of user 'alice'. Give the person an email of their own.",
            error);
    }

    [Fact]
    public void Person_email_twice()
    {
        var error = ScenarioYaml.SingleError(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", """
            directory:
              people:
                - { name: Paul Durand, email: paul@contoso.com }
                - { name: Paul D., email: paul@contoso.com }

            """));

        Assert.Equal(
            "test.yaml:5:31: directory.people[1].email: duplicate email 'paul@contoso.com' (first declared at line 4). Give each person an email of their own.",
            error);
    }

    [Fact]
    public void Contact_without_name()
    {
        var error = ScenarioYaml.SingleError(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\", contacts: [ { mobilePhone: \"0612345678\" } ] }"));

        Assert.Equal("test.yaml:3:73: users[0].contacts[0]: missing required key 'name'. Add 'name: <display name>'.", error);
    }

    [Fact]
    public void Person_email_without_at()
    {
        var error = ScenarioYaml.SingleError(Scenario(
            "  - { name: alice, email: alice@contoso.com, device: \"201\" }", "directory: { people: [ { name: Paul, email: paul.contoso.com } ] }\n"));

        Assert.Equal(
            "test.yaml:2:45: directory.people[0].email: invalid email 'paul.contoso.com'. Write the person's user principal name, such as paul@contoso.com.",
            error);
    }

    [Fact]
    public void Unknown_directory_key()
    {
        var error = ScenarioYaml.SingleError(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", "directory: { imports: people.csv }\n"));

        Assert.Equal("test.yaml:2:14: directory: unknown key 'imports'. Did you mean 'import'? Known keys: people, generate, import.", error);
    }

    [Fact]
    public void Import_resolves_against_scenario_folder()
    {
        var folder = Directory.CreateTempSubdirectory("pbxlab-reader-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "data"));
            var csv = Path.Combine(folder.FullName, "data", "partner.csv");
            File.WriteAllText(csv, "kind,owner,displayName,userPrincipalName,mail,businessPhones,homePhones,mobilePhone\nuser,,Paul Durand,paul@contoso.com,,,,06 12 34 56 78\n");
            var file = Path.Combine(folder.FullName, "import.yaml");

            var result = ScenarioLoader.LoadText(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", "directory: { import: data/partner.csv }\n"), file);

            Assert.True(result.IsValid, string.Join("\n", result.Errors));
            Assert.Equal(csv, result.Scenario!.Directory.ImportPath);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Import_bad_line_fails_validation()
    {
        var folder = Directory.CreateTempSubdirectory("pbxlab-reader-");
        try
        {
            File.WriteAllText(
                Path.Combine(folder.FullName, "partner.csv"),
                "kind,owner,displayName,userPrincipalName,mail,businessPhones,homePhones,mobilePhone\nperson,,Paul Durand,paul@contoso.com,,,,\n");
            var file = Path.Combine(folder.FullName, "import.yaml");

            var result = ScenarioLoader.LoadText(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", "directory: { import: partner.csv }\n"), file);

            var error = Assert.Single(result.Errors).ToString();
            Assert.StartsWith($"{file}:2:22: directory.import: 'partner.csv' line 2: field 'kind':", error, StringComparison.Ordinal);
            Assert.Contains("person", error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Import_file_missing()
    {
        var folder = Directory.CreateTempSubdirectory("pbxlab-reader-");
        try
        {
            var file = Path.Combine(folder.FullName, "import.yaml");

            var result = ScenarioLoader.LoadText(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", "directory: { import: people.json }\n"), file);

            Assert.Equal(
                $"{file}:2:22: directory.import: file not found: {Path.Combine(folder.FullName, "people.json")}. The path is relative to the scenario file's folder.",
                Assert.Single(result.Errors).ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Import_wrong_extension()
    {
        var error = ScenarioYaml.SingleError(Scenario("  - { name: alice, email: alice@contoso.com, device: \"201\" }", "directory: { import: people.xlsx }\n"));

        Assert.Equal(
            $"test.yaml:2:22: directory.import: 'people.xlsx' is not a .csv or .json file ({Path.GetFullPath("people.xlsx")}). Import a directory exported as CSV or JSON.",
            error);
    }
}
