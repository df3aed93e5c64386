using PbxLab.Core.Configuration;
using PbxLab.Core.Numbers;

namespace PbxLab.Core.Tests.Configuration;

public sealed class DialPlanOptionsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static GatewayOptionsLoadResult LoadLinks(string links) =>
        GatewayOptionsLoader.Load($$"""
            {
              "tenantId": "contoso.onmicrosoft.com", "clientId": "6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77", "clientSecret": "s",
              "pbxLinks": [ {{links}} ],
              "users": [ { "email": "alice@contoso.com", "device": "201", "pbx": "pbx1" } ]
            }
            """, NoEnvironment);

    private static string Link(string name, string profile, string dialPlan) =>
        $$"""{ "name": "{{name}}", "host": "127.0.0.1", "port": 7001, "profile": "{{profile}}", "dialPlan": {{dialPlan}} }""";

    [Fact]
    public void Dial_plan_loads_every_value()
    {
        var result = LoadLinks(Link("pbx1", "mivo400", """{ "region": "GB", "trunkAccessCode": "9", "nationalPrefix": "0", "internationalPrefix": "00" }"""));

        Assert.Empty(result.Errors);
        Assert.Equal(new DialPlan("GB", "9", "0", "00"), result.Options!.PbxLinks[0].DialPlan);
    }

    [Fact]
    public void Missing_dial_plan_keys_take_profile_values()
    {
        var result = LoadLinks(string.Join(", ",
            Link("pbx1", "mivo400", """{ "region": "CH" }"""),
            Link("pbx2", "mivb", """{ "region": "CA", "trunkAccessCode": "" }"""),
            Link("pbx3", "MXONE", "{}")));

        Assert.Empty(result.Errors);
        var links = result.Options!.PbxLinks;
        Assert.Equal(new DialPlan("CH", "0", "0", "00"), links[0].DialPlan);
        Assert.Equal(new DialPlan("CA", "", "1", "011"), links[1].DialPlan);
        Assert.Equal(DialPlan.MxOne, links[2].DialPlan);
    }

    [Fact]
    public void Missing_or_null_dial_plan_is_profile_default()
    {
        var result = LoadLinks("""
            { "name": "pbx1", "host": "127.0.0.1", "port": 7001, "profile": "mivo400" },
            { "name": "pbx2", "host": "127.0.0.1", "port": 7002, "profile": "mivb", "dialPlan": null }
            """);

        Assert.Empty(result.Errors);
        Assert.Null(result.Options!.PbxLinks[0].DialPlan);
        Assert.Null(result.Options.PbxLinks[1].DialPlan);
    }

    [Fact]
    public void Dial_plan_errors_name_path_and_value()
    {
        var result = LoadLinks(string.Join(", ",
            Link("pbx1", "mivo400", """{ "region": "XX", "trunkAccessCode": "9a", "nationalPrefix": "", "internationalPrefix": "+" }"""),
            Link("pbx2", "mivo400", """{ "region": "ch", "internationalPrefix": 0 }"""),
            Link("pbx3", "mivo400", """{ "region": "UK", "countryCode": "44" }"""),
            Link("pbx4", "mivo400", "\"CH\"")));

        Assert.Null(result.Options);
        Assert.Equal(
            [
                "pbxLinks[1].dialPlan.internationalPrefix: '0' is not a string; put the value in double quotes.",
                "pbxLinks[2].dialPlan.countryCode: is not a known key; the keys here are region, trunkAccessCode, nationalPrefix, internationalPrefix (names are case-sensitive).",
                "pbxLinks[3].dialPlan: '\"CH\"' is not a JSON object; write it as { \"key\": value, … }.",
                "pbxLinks[0].dialPlan.region: 'XX' is not a region libphonenumber knows; use an ISO 3166-1 code such as FR, CH, DE, SE, GB or US.",
                "pbxLinks[0].dialPlan.trunkAccessCode: '9a' is not a string of digits; write the digits dialled for an outside line, such as \"0\" or \"9\", or \"\" when the PBX needs none.",
                "pbxLinks[0].dialPlan.nationalPrefix: is empty; write the digits in front of a national number, such as \"0\" (FR, CH, DE, GB) or \"1\" (US).",
                "pbxLinks[0].dialPlan.internationalPrefix: '+' is not a string of digits; write the digits in front of a country code, such as \"00\" (most of Europe) or \"011\" (US).",
                "pbxLinks[1].dialPlan.region: 'ch' is not a region libphonenumber knows; write the code in capitals: CH.",
                "pbxLinks[2].dialPlan.region: 'UK' is not a region libphonenumber knows; use GB for the United Kingdom.",
            ],
            result.Errors.Select(error => error.ToString()));
    }

    // The harness builds options in C# rather than JSON, so the validator checks a dial plan set there too.
    [Fact]
    public void Validator_checks_dial_plan_set_in_code()
    {
        var options = new GatewayOptions
        {
            TenantId = "contoso.onmicrosoft.com",
            ClientId = "6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77",
            ClientSecret = "s",
            PbxLinks =
            [
                new PbxLinkConfiguration("pbx1", "127.0.0.1", 7001, "mivo400") { DialPlan = new DialPlan("DE", "0", "0", "00") },
                new PbxLinkConfiguration("pbx2", "127.0.0.1", 7002, "mivo400") { DialPlan = new DialPlan("", "0", "0", "") },
            ],
            Users = [new GatewayUserConfiguration("alice@contoso.com", "201", "pbx1")],
        };

        var errors = GatewayOptionsValidator.Validate(options);

        Assert.Equal(["pbxLinks[1].dialPlan.region", "pbxLinks[1].dialPlan.internationalPrefix"], errors.Select(error => error.Path));
        Assert.All(errors, error => Assert.Null(error.Value));
    }

    [Fact]
    public void Documented_example_loads_with_dial_plan()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PbxLab.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var result = GatewayOptionsLoader.LoadFile(Path.Combine(directory.FullName, "docs", "gateway.example.json"), NoEnvironment);

        Assert.Empty(result.Errors);
        Assert.Equal(DialPlan.MiVoiceOffice400, Assert.Single(result.Options!.PbxLinks).DialPlan);
    }
}
