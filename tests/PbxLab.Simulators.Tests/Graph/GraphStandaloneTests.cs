using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using PbxLab.Simulators.Graph.Standalone;

namespace PbxLab.Simulators.Tests.Graph;

public sealed partial class GraphStandaloneTests
{
    [GeneratedRegex(@"Graph base URL:\s+(?<url>\S+)")]
    private static partial Regex GraphBaseUrl();

    [Fact]
    public async Task Runs_until_cancelled_and_can_be_driven()
    {
        var output = new StringWriter();
        var options = new GraphStandaloneOptions { Users = 3, Output = TextWriter.Synchronized(output) };
        using var cancellation = new CancellationTokenSource();
        var run = GraphStandalone.RunAsync(options, NullLoggerFactory.Instance, cancellation.Token);

        var graphBase = await WaitForBaseUrlAsync(output, run);
        var root = new Uri(graphBase, "/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // A token with the printed defaults reads the generated users.
        using var tokenResponse = await http.PostAsync(new Uri(root, $"{options.TenantId}/oauth2/v2.0/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = options.ClientId,
            ["client_secret"] = options.ClientSecret,
            ["scope"] = "https://graph.microsoft.com/.default",
        }));
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();

        // The control surface sets a Teams client and reports the resulting presence.
        using var setClient = await http.PostAsync(new Uri(root, "_pbxlab/users/user2@contoso.com/teamsClient"),
            new StringContent("{\"state\":\"presenting\"}", Encoding.UTF8, "application/json"));
        var state = JsonDocument.Parse(await setClient.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, setClient.StatusCode);
        Assert.Equal("DoNotDisturb", state.GetProperty("availability").GetString());
        Assert.Equal("Presenting", state.GetProperty("teamsClient").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(graphBase, "users/user2@contoso.com/presence"));
        request.Headers.Authorization = new("Bearer", token);
        using var presence = await http.SendAsync(request);
        Assert.Equal("Presenting", JsonDocument.Parse(await presence.Content.ReadAsStringAsync()).RootElement.GetProperty("activity").GetString());

        using var badState = await http.PostAsync(new Uri(root, "_pbxlab/users/user2@contoso.com/teamsClient"),
            new StringContent("{\"state\":\"Sleeping\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Contains("'Sleeping'", await badState.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var throttle = await http.PostAsync(new Uri(root, "_pbxlab/throttle"),
            new StringContent("{\"count\":1,\"retryAfterSeconds\":7}", Encoding.UTF8, "application/json"));
        using var throttled = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(graphBase, "users")) { Headers = { Authorization = new("Bearer", token) } });
        Assert.Equal(HttpStatusCode.OK, throttle.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter?.Delta);

        await cancellation.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("user1@contoso.com ... user3@contoso.com", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(options.ClientSecret, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_user_count_returns_2()
    {
        var output = new StringWriter();

        var exitCode = await GraphStandalone.RunAsync(new GraphStandaloneOptions { Users = -1, Output = output }, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("Invalid user count -1", output.ToString(), StringComparison.Ordinal);
    }

    private static async Task<Uri> WaitForBaseUrlAsync(StringWriter output, Task<int> run)
    {
        // Bounded wait: the banner appears once Kestrel listens.
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (GraphBaseUrl().Match(output.ToString()) is { Success: true } match)
            {
                return new Uri(match.Groups["url"].Value);
            }

            Assert.False(run.IsCompleted, $"The standalone fake stopped early: {output}");
            await Task.Delay(100);
        }

        throw new TimeoutException($"No base URL printed within 30 s: {output}");
    }
}
