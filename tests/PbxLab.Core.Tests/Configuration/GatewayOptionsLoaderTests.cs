using PbxLab.Core.Configuration;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Tests.Configuration;

public sealed class GatewayOptionsLoaderTests
{
    private const string ValidJson = """
        {
          // Comments are allowed, as in the documented example.
          "tenantId": "contoso.onmicrosoft.com",
          "clientId": "6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77",
          "clientSecret": "file-secret",
          "tokenBaseUrl": "http://127.0.0.1:5001",
          "graphBaseUrl": "http://127.0.0.1:5002/v1.0",
          "presence": { "sessionExpiration": "PT2H", "refreshBefore": "PT10M", "notAvailableMapsTo": "Away" },
          "userMatchRetryInterval": "PT1M",
          "pbxLinks": [
            { "name": "pbx1", "host": "127.0.0.1", "port": 7001, "profile": "mivo400" },
            { "name": "pbx2", "host": "localhost", "port": 8882, "profile": "MXONE" },
          ],
          "users": [
            { "email": "alice@contoso.com", "device": "201", "pbx": "pbx1" },
            { "email": "o'brien@contoso.com", "device": 202, "pbx": "PBX2" }
          ]
        }
        """;

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Valid_file_loads_every_value()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pbxlab-gateway-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, ValidJson);
        try
        {
            var result = GatewayOptionsLoader.LoadFile(path, NoEnvironment);

            Assert.Empty(result.Errors);
            Assert.True(result.IsValid);
            var options = result.Options!;
            Assert.Equal("contoso.onmicrosoft.com", options.TenantId);
            Assert.Equal("6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77", options.ClientId);
            Assert.Equal("file-secret", options.ClientSecret);
            Assert.Equal(new Uri("http://127.0.0.1:5001/contoso.onmicrosoft.com/oauth2/v2.0/token"), options.TokenUrl);
            Assert.Equal("http://127.0.0.1:5002/v1.0", options.GraphBaseUrl);
            Assert.Equal(TimeSpan.FromHours(2), options.Presence.SessionExpiration);
            Assert.Equal(TimeSpan.FromMinutes(10), options.Presence.RefreshBefore);
            Assert.Equal(CloudLinkPresence.Away, options.Presence.NotAvailableMapsTo);
            Assert.Equal(TimeSpan.FromMinutes(1), options.UserMatchRetryInterval);
            Assert.Equal([new PbxLinkConfiguration("pbx1", "127.0.0.1", 7001, "mivo400"), new PbxLinkConfiguration("pbx2", "localhost", 8882, "MXONE")], options.PbxLinks);
            Assert.Equal([new GatewayUserConfiguration("alice@contoso.com", "201", "pbx1"), new GatewayUserConfiguration("o'brien@contoso.com", "202", "PBX2")], options.Users);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Defaults_apply_to_omitted_keys()
    {
        var result = GatewayOptionsLoader.Load("""
            {
              "tenantId": "contoso.onmicrosoft.com", "clientId": "6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77", "clientSecret": "s",
              "pbxLinks": [ { "name": "pbx1", "host": "127.0.0.1", "port": 7001, "profile": "mivo400" } ],
              "users": [ { "email": "alice@contoso.com", "device": "201", "pbx": "pbx1" } ]
            }
            """, NoEnvironment);

        Assert.Empty(result.Errors);
        var options = result.Options!;
        Assert.Equal("https://login.microsoftonline.com", options.TokenBaseUrl);
        Assert.Equal("https://graph.microsoft.com/v1.0", options.GraphBaseUrl);
        Assert.Equal(TimeSpan.FromHours(1), options.Presence.SessionExpiration);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Presence.RefreshBefore);
        Assert.Equal(CloudLinkPresence.DoNotDisturb, options.Presence.NotAvailableMapsTo);
    }

    [Fact]
    public void Environment_secret_wins_over_file()
    {
        var result = GatewayOptionsLoader.Load(ValidJson, name => name == "PBXLAB_CLIENT_SECRET" ? "environment-secret" : null);

        Assert.Equal("environment-secret", result.Options!.ClientSecret);
    }

    [Fact]
    public void Environment_secret_fills_missing_key()
    {
        var json = ValidJson.Replace("\"clientSecret\": \"file-secret\",", "", StringComparison.Ordinal);

        var withoutVariable = GatewayOptionsLoader.Load(json, NoEnvironment);
        var withVariable = GatewayOptionsLoader.Load(json, name => name == "PBXLAB_CLIENT_SECRET" ? "environment-secret" : null);

        var error = Assert.Single(withoutVariable.Errors);
        Assert.Equal("clientSecret", error.Path);
        Assert.Contains("PBXLAB_CLIENT_SECRET", error.Message, StringComparison.Ordinal);
        Assert.Empty(withVariable.Errors);
        Assert.Equal("environment-secret", withVariable.Options!.ClientSecret);
    }

    [Fact]
    public void Every_bad_value_is_collected_with_path()
    {
        var result = GatewayOptionsLoader.Load("""
            {
              "tenantId": "",
              "clientId": "my-app",
              "clientSecret": 12345,
              "graphBaseUrl": "ftp://graph.example",
              "presence": { "sessionExpiration": "PT1M", "refreshBefore": "soon", "notAvailableMapsTo": "Sleepy" },
              "pbxLinks": [
                { "name": "pbx1", "host": "127.0.0.1", "port": 70000, "profile": "mivo401" },
                { "name": "PBX1", "host": "", "port": "abc", "profile": "mivb" }
              ],
              "users": [
                { "email": "alice@contoso.com", "device": "201", "pbx": "pbx1" },
                { "email": "bob(at)contoso.com", "device": "202", "pbx": "pbx1" },
                "carol@contoso.com",
                { "email": "ALICE@contoso.com", "device": "201", "pbx": "pbx9" },
                { "email": "dave@contoso.com", "device": "", "pbx": "pbx1", "role": "cti" },
                { "email": "erin@contoso.com", "device": "201", "pbx": "pbx1" }
              ],
              "user": []
            }
            """, NoEnvironment);

        Assert.Null(result.Options);
        var byPath = result.Errors.ToDictionary(error => error.Path);
        Assert.Contains("tenantId", byPath.Keys);
        Assert.Equal("my-app", byPath["clientId"].Value);
        Assert.Null(byPath["clientSecret"].Value);
        Assert.Equal("ftp://graph.example", byPath["graphBaseUrl"].Value);
        Assert.Equal("PT1M", byPath["presence.sessionExpiration"].Value);
        Assert.Equal("soon", byPath["presence.refreshBefore"].Value);
        Assert.Equal("Sleepy", byPath["presence.notAvailableMapsTo"].Value);
        Assert.Equal("70000", byPath["pbxLinks[0].port"].Value);
        Assert.Equal("mivo401", byPath["pbxLinks[0].profile"].Value);
        Assert.Equal("PBX1", byPath["pbxLinks[1].name"].Value);
        Assert.Contains("pbxLinks[1].host", byPath.Keys);
        Assert.Equal("\"abc\"", byPath["pbxLinks[1].port"].Value);
        Assert.Equal("bob(at)contoso.com", byPath["users[1].email"].Value);
        Assert.Contains("users[2]", byPath.Keys);
        Assert.Equal("ALICE@contoso.com", byPath["users[3].email"].Value);
        Assert.Equal("pbx9", byPath["users[3].pbx"].Value);
        Assert.Contains("users[4].device", byPath.Keys);
        Assert.Contains("users[4].role", byPath.Keys);
        Assert.Equal("201", byPath["users[5].device"].Value);
        Assert.Contains("user", byPath.Keys);
        Assert.Equal(20, result.Errors.Count);
    }

    [Fact]
    public void Errors_say_what_to_do()
    {
        var result = GatewayOptionsLoader.Load("""
            {
              "tenantId": "contoso.onmicrosoft.com", "clientId": "6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77", "clientSecret": "s",
              "pbxLinks": [ { "name": "pbx1", "host": "127.0.0.1", "port": 7001, "profile": "mivo401" } ],
              "users": [ { "email": "alice@contoso.com", "device": "201", "pbx": "pbx2" } ]
            }
            """, NoEnvironment);

        Assert.Equal(
            [
                "pbxLinks[0].profile: 'mivo401' is not a known PBX profile; use one of mivo400 (MiVoice Office 400), mivoice5000 (MiVoice 5000), mxone (MiVoice MX-ONE), mivb (MiVoice Business).",
                "users[0].pbx: 'pbx2' does not name a PBX in pbxLinks; use one of: pbx1.",
            ],
            result.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void Secret_never_appears_in_errors()
    {
        var result = GatewayOptionsLoader.Load("""{ "clientSecret": "super-secret-value", "clientId": "super-secret-value" }""", NoEnvironment);

        Assert.NotEmpty(result.Errors);
        Assert.DoesNotContain(result.Errors, error => error.Path == "clientSecret");
        Assert.All(result.Errors.Where(error => error.Path != "clientId"), error => Assert.DoesNotContain("super-secret-value", error.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_json_names_line()
    {
        var result = GatewayOptionsLoader.Load("{\n  \"tenantId\": \"x\",\n  \"clientId\" \"y\"\n}", NoEnvironment);

        var error = Assert.Single(result.Errors);
        Assert.Equal("(file)", error.Path);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_an_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pbxlab-missing-{Guid.NewGuid():N}.json");

        var result = GatewayOptionsLoader.LoadFile(path, NoEnvironment);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Value);
    }

    [Fact]
    public void Refresh_must_be_shorter_than_expiration()
    {
        var options = new GatewayOptions
        {
            TenantId = "contoso.onmicrosoft.com",
            ClientId = "6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77",
            ClientSecret = "s",
            Presence = new PresenceOptions { SessionExpiration = TimeSpan.FromMinutes(10), RefreshBefore = TimeSpan.FromMinutes(10) },
            PbxLinks = [new PbxLinkConfiguration("pbx1", "127.0.0.1", 7001, "mivo400")],
            Users = [new GatewayUserConfiguration("alice@contoso.com", "201", "pbx1")],
        };

        var error = Assert.Single(GatewayOptionsValidator.Validate(options));

        Assert.Equal("presence.refreshBefore", error.Path);
        Assert.Equal("PT10M", error.Value);
    }
}
