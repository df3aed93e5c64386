using PbxLab.Core.Configuration;
using PbxLab.Core.Graph;

namespace PbxLab.Core.Tests.Graph;

public sealed class EntraErrorTests
{
    private static readonly GatewayOptions Options = new() { TenantId = "contoso.onmicrosoft.com", ClientId = "6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77" };

    [Theory]
    [InlineData(7000215, "not its Secret ID")]
    [InlineData(7000222, "Create a new client secret")]
    [InlineData(700016, "did not find application 6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77 in tenant contoso.onmicrosoft.com")]
    [InlineData(90002, "did not find tenant contoso.onmicrosoft.com")]
    [InlineData(70011, "invalid_scope (AADSTS70011): AADSTS70011: The provided value for scope is not valid.")]
    public void Code_gets_its_advice(int code, string advice)
    {
        var body = $$"""{"error":"invalid_scope","error_description":"AADSTS{{code}}: The provided value for scope is not valid.\r\nTrace ID: 9","error_codes":[{{code}}]}""";

        Assert.True(EntraError.TryParse(body, out var error));

        Assert.Equal(code, error.AadstsCode);
        Assert.Contains(advice, EntraError.Advise(error, Options), StringComparison.Ordinal);
        Assert.Contains($"AADSTS{code}", EntraError.Advise(error, Options), StringComparison.Ordinal);
        Assert.DoesNotContain("Trace ID", error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Bad Gateway</html>")]
    [InlineData("[1,2]")]
    [InlineData("""{"error":{"code":"BadRequest"}}""")]
    public void Non_entra_body_is_not_parsed(string body)
    {
        Assert.False(EntraError.TryParse(body, out _));
    }
}
