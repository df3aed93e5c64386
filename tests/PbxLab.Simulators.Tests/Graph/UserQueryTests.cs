using PbxLab.Simulators.Graph.Directory;

namespace PbxLab.Simulators.Tests.Graph;

public class UserQueryTests
{
    private static UserQuery Parse(params (string Name, string Value)[] options) =>
        UserQuery.Parse(options.Select(option => KeyValuePair.Create(option.Name, option.Value)));

    private static readonly FakeUser Alice = new() { Id = "1", UserPrincipalName = "alice@contoso.com", Mail = "Alice.Smith@contoso.com" };

    [Fact]
    public void Defaults_without_options()
    {
        var query = Parse();

        Assert.Empty(query.Filter);
        Assert.Equal(100, query.Top);
        Assert.Equal(0, query.Offset);
        Assert.Same(UserQuery.DefaultProperties, query.Select);
        Assert.True(query.Matches(Alice));
    }

    [Fact]
    public void Filter_eq_on_upn_or_mail()
    {
        var query = Parse(("$filter", "userPrincipalName eq 'nobody@contoso.com' or mail eq 'ALICE.SMITH@contoso.com'"));

        Assert.Equal(
            [new UserQuery.Condition("userPrincipalName", "nobody@contoso.com"), new UserQuery.Condition("mail", "ALICE.SMITH@contoso.com")],
            query.Filter);
        Assert.True(query.Matches(Alice));
    }

    [Fact]
    public void Filter_property_names_ignore_case()
    {
        var query = Parse(("$filter", "UserPrincipalName EQ 'ALICE@contoso.com'"));

        Assert.True(query.Matches(Alice));
        Assert.False(Parse(("$filter", "mail eq 'alice@contoso.com'")).Matches(Alice));
    }

    [Fact]
    public void Filter_string_with_escaped_quote()
    {
        var query = Parse(("$filter", "mail eq 'o''brien@contoso.com'"));

        Assert.Equal("o'brien@contoso.com", query.Filter[0].Value);
    }

    [Theory]
    [InlineData("displayName eq 'Alice'", "Request_UnsupportedQuery", "'displayName'")]
    [InlineData("mail ne 'a@contoso.com'", "Request_UnsupportedQuery", "'ne'")]
    [InlineData("startsWith(mail,'a')", "Request_UnsupportedQuery", "'startsWith'")]
    [InlineData("mail eq 'a' and userPrincipalName eq 'b'", "Request_UnsupportedQuery", "'and'")]
    [InlineData("mail eq 'a", "BadRequest", "no closing quote")]
    [InlineData("mail eq", "BadRequest", "expected a quoted string")]
    [InlineData("mail eq a@contoso.com", "BadRequest", "expected a quoted string")]
    public void Filter_rejections_name_the_problem(string filter, string code, string fragment)
    {
        var exception = Assert.Throws<UserQueryException>(() => Parse(("$filter", filter)));

        Assert.Equal(code, exception.Code);
        Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_maps_to_graph_names()
    {
        var query = Parse(("$select", "ID, displayname,businessPhones"));

        Assert.Equal(["id", "displayName", "businessPhones"], query.Select);
    }

    [Fact]
    public void Select_unknown_property_rejected()
    {
        var exception = Assert.Throws<UserQueryException>(() => Parse(("$select", "id,accountEnabled")));

        Assert.Equal("Request_BadRequest", exception.Code);
        Assert.Contains("'accountEnabled'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000")]
    [InlineData("ten")]
    public void Top_out_of_range_rejected(string top)
    {
        var exception = Assert.Throws<UserQueryException>(() => Parse(("$top", top)));

        Assert.Equal($"Invalid page size specified: '{top}'. Must be between 1 and 999 inclusive.", exception.Message);
    }

    [Fact]
    public void Skip_token_round_trips()
    {
        var token = UserQuery.EncodeSkipToken(250);

        Assert.Equal(250, Parse(("$skiptoken", token)).Offset);
        Assert.Throws<UserQueryException>(() => Parse(("$skiptoken", "not-a-token")));
    }

    [Theory]
    [InlineData("$skip")]
    [InlineData("$orderby")]
    [InlineData("$count")]
    public void Unsupported_options_rejected(string option)
    {
        var exception = Assert.Throws<UserQueryException>(() => Parse((option, "1")));

        Assert.Equal("Request_UnsupportedQuery", exception.Code);
        Assert.Contains(option, exception.Message, StringComparison.Ordinal);
    }
}
