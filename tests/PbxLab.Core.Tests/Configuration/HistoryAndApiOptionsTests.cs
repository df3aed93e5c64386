using PbxLab.Core.Configuration;

namespace PbxLab.Core.Tests.Configuration;

public sealed class HistoryAndApiOptionsTests
{
    private const string Required = """
        "tenantId": "contoso.onmicrosoft.com", "clientId": "6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77", "clientSecret": "s",
        "pbxLinks": [ { "name": "pbx1", "host": "127.0.0.1", "port": 7001, "profile": "mivo400" } ],
        "users": [ { "email": "alice@contoso.com", "device": "201", "pbx": "pbx1" } ]
        """;

    private const string Connection = "Host=127.0.0.1;Port=5432;Username=pbxlab;Password=db-secret;Database=pbxlab";

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Missing_sections_use_defaults()
    {
        var result = GatewayOptionsLoader.Load($$"""{ {{Required}} }""", NoEnvironment);

        Assert.Empty(result.Errors);
        var options = result.Options!;
        Assert.Equal("data/pbxlab-history.db", options.History.SqlitePath);
        Assert.Null(options.History.PostgresConnectionString);
        Assert.False(options.History.UsesPostgres);
        Assert.Equal("127.0.0.1", options.Api.Bind);
        Assert.Equal(8089, options.Api.Port);
    }

    [Fact]
    public void Sections_load_every_value()
    {
        var result = GatewayOptionsLoader.Load($$"""
            {
              {{Required}},
              "history": { "sqlitePath": "/var/lib/pbxlab/history.db", "postgresConnectionString": null },
              "api": { "bind": "::1", "port": 0 }
            }
            """, NoEnvironment);

        Assert.Empty(result.Errors);
        var options = result.Options!;
        Assert.Equal("/var/lib/pbxlab/history.db", options.History.SqlitePath);
        Assert.Null(options.History.PostgresConnectionString);
        Assert.Equal("::1", options.Api.Bind);
        Assert.Equal(0, options.Api.Port);
    }

    [Fact]
    public void Postgres_connection_from_file()
    {
        var result = GatewayOptionsLoader.Load($$"""{ {{Required}}, "history": { "postgresConnectionString": "{{Connection}}" } }""", NoEnvironment);

        Assert.Empty(result.Errors);
        Assert.Equal(Connection, result.Options!.History.PostgresConnectionString);
        Assert.True(result.Options.History.UsesPostgres);
    }

    [Fact]
    public void Environment_connection_wins_over_file()
    {
        const string FromEnvironment = "Host=127.0.0.1;Username=env;Password=env-secret;Database=env";
        Func<string, string?> environment = name => name == "PBXLAB_POSTGRES_CONNECTION" ? FromEnvironment : null;

        var withSqlite = GatewayOptionsLoader.Load($$"""{ {{Required}}, "history": { "sqlitePath": "h.db" } }""", environment);
        var withPostgres = GatewayOptionsLoader.Load($$"""{ {{Required}}, "history": { "postgresConnectionString": "{{Connection}}" } }""", environment);
        var withoutSection = GatewayOptionsLoader.Load($$"""{ {{Required}} }""", environment);

        Assert.Empty(withSqlite.Errors);
        Assert.Equal(FromEnvironment, withSqlite.Options!.History.PostgresConnectionString);
        Assert.Equal(FromEnvironment, withPostgres.Options!.History.PostgresConnectionString);
        Assert.Equal(FromEnvironment, withoutSection.Options!.History.PostgresConnectionString);
    }

    [Fact]
    public void Empty_environment_connection_is_ignored()
    {
        var result = GatewayOptionsLoader.Load($$"""{ {{Required}} }""", name => name == "PBXLAB_POSTGRES_CONNECTION" ? "" : null);

        Assert.Empty(result.Errors);
        Assert.False(result.Options!.History.UsesPostgres);
    }

    [Fact]
    public void Every_bad_value_is_collected_with_path()
    {
        var result = GatewayOptionsLoader.Load($$"""
            {
              {{Required}},
              "history": { "sqlitePath": 42, "postgresConnectionString": 7, "path": "x" },
              "api": { "bind": "localhost", "port": 70000, "host": "x" }
            }
            """, NoEnvironment);

        Assert.Null(result.Options);
        var byPath = result.Errors.ToDictionary(error => error.Path);
        Assert.Equal("42", byPath["history.sqlitePath"].Value);
        Assert.Null(byPath["history.postgresConnectionString"].Value);
        Assert.Contains("history.path", byPath.Keys);
        Assert.Equal("localhost", byPath["api.bind"].Value);
        Assert.Equal("70000", byPath["api.port"].Value);
        Assert.Contains("api.host", byPath.Keys);
        Assert.Equal(6, result.Errors.Count);
    }

    [Fact]
    public void Sections_must_be_objects()
    {
        var result = GatewayOptionsLoader.Load($$"""{ {{Required}}, "history": "sqlite", "api": 8089 }""", NoEnvironment);

        Assert.Equal(["history", "api"], result.Errors.Select(error => error.Path));
    }

    [Fact]
    public void Both_stores_in_file_is_an_error()
    {
        var result = GatewayOptionsLoader.Load($$"""{ {{Required}}, "history": { "sqlitePath": "h.db", "postgresConnectionString": "{{Connection}}" } }""", NoEnvironment);

        var error = Assert.Single(result.Errors);
        Assert.Equal("history", error.Path);
        Assert.Contains("keep one", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Password=db-secret;Nonsense=1")]
    [InlineData("Password=db-secret;Database=pbxlab")]
    [InlineData("   ")]
    public void Bad_connection_string_never_shows_password(string connectionString)
    {
        var result = GatewayOptionsLoader.Load($$"""{ {{Required}}, "history": { "postgresConnectionString": "{{connectionString}}" } }""", NoEnvironment);

        var error = Assert.Single(result.Errors);
        Assert.Equal("history.postgresConnectionString", error.Path);
        Assert.Null(error.Value);
        Assert.DoesNotContain("db-secret", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("PBXLAB_POSTGRES_CONNECTION", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "history.sqlitePath")]
    [InlineData("data/", "history.sqlitePath")]
    public void Bad_sqlite_path_is_reported(string path, string expectedPath)
    {
        var result = GatewayOptionsLoader.Load($$"""{ {{Required}}, "history": { "sqlitePath": "{{path}}" } }""", NoEnvironment);

        var error = Assert.Single(result.Errors);
        Assert.Equal(expectedPath, error.Path);
    }

    [Theory]
    [InlineData("127.0.0.1", 8089)]
    [InlineData("0.0.0.0", 1)]
    [InlineData("::1", 65535)]
    public void Good_api_values_pass(string bind, int port)
    {
        var result = GatewayOptionsLoader.Load($$"""{ {{Required}}, "api": { "bind": "{{bind}}", "port": {{port}} } }""", NoEnvironment);

        Assert.Empty(result.Errors);
        Assert.Equal(bind, result.Options!.Api.Bind);
        Assert.Equal(port, result.Options.Api.Port);
    }

    [Fact]
    public void Api_port_below_zero_is_reported_by_validator()
    {
        var options = new GatewayOptions
        {
            TenantId = "contoso.onmicrosoft.com",
            ClientId = "6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77",
            ClientSecret = "s",
            PbxLinks = [new PbxLinkConfiguration("pbx1", "127.0.0.1", 7001, "mivo400")],
            Users = [new GatewayUserConfiguration("alice@contoso.com", "201", "pbx1")],
            Api = new ApiOptions { Bind = "127.0.0.1", Port = -1 },
        };

        var error = Assert.Single(GatewayOptionsValidator.Validate(options));

        Assert.Equal("api.port", error.Path);
        Assert.Equal("-1", error.Value);
        Assert.Contains("0 to let the system pick", error.Message, StringComparison.Ordinal);
    }
}
