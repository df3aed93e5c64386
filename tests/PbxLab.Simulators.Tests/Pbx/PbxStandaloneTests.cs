using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PbxLab.Simulators.Graph.Standalone;
using PbxLab.Simulators.Pbx;

namespace PbxLab.Simulators.Tests.Pbx;

public sealed class PbxStandaloneTests
{
    [Fact]
    public async Task Invalid_options_listed_with_exit_code()
    {
        var output = new StringWriter();
        var options = new PbxStandaloneOptions { Profile = "mivo999", Devices = -1, Port = 70000, Bind = "localhost", Output = output };

        var exitCode = await PbxStandalone.RunAsync(options, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.Equal(PbxStandalone.InvalidOptionsExitCode, exitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "Profile 'mivo999' is unknown. Use one of: mivo400, mivoice5000, mxone, mivb.",
                "Device count -1 is invalid. Use 0 or more.",
                "CSTA port 70000 is invalid. Use 0 (ephemeral) to 65535.",
                "Bind address 'localhost' is invalid. Use an IP address such as 127.0.0.1.",
            ],
            lines);
    }

    [Fact]
    public void Device_count_over_profile_limit_is_rejected()
    {
        var errors = PbxStandalone.Validate(new PbxStandaloneOptions { Profile = "MIVO400", Devices = 801 }, out var profile);

        Assert.Equal("mivo400", profile?.Name);
        Assert.Equal(["Device count 801 exceeds the 800 devices profile mivo400 allows. Use at most 800."], errors);
    }

    [Fact]
    public async Task Port_in_use_fails_with_message()
    {
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((System.Net.IPEndPoint)occupant.LocalEndpoint).Port;
        var output = new StringWriter();

        var exitCode = await PbxStandalone.RunAsync(
            new PbxStandaloneOptions { Port = port, Output = output }, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.Equal(PbxStandalone.StartFailedExitCode, exitCode);
        Assert.StartsWith($"The CSTA server could not listen on 127.0.0.1:{port}:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Use another --port.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_until_cancelled_with_control_api()
    {
        var output = new SynchronizedWriter();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var options = new PbxStandaloneOptions { Profile = "mivo400", Port = 0, Devices = 3, Output = output };

        var run = PbxStandalone.RunAsync(options, NullLoggerFactory.Instance, cancellation.Token);
        var controlUrl = await output.WaitForLineAsync("Control API on ", TimeSpan.FromSeconds(10));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var devices = await http.GetFromJsonAsync<JsonElement>(new Uri(new Uri(controlUrl), "devices"));
        await cancellation.CancelAsync();
        var exitCode = await run;

        Assert.Equal(0, exitCode);
        Assert.Equal(["200", "201", "202"], devices.EnumerateArray().Select(d => d.GetProperty("directoryNumber").GetString()));
        Assert.Equal("user1@contoso.com", devices[0].GetProperty("owner").GetString());
        Assert.Equal("user3@contoso.com", devices[2].GetProperty("owner").GetString());
        Assert.Equal("User 3", devices[2].GetProperty("displayName").GetString());
        Assert.Contains("CSTA ECMA-323 ed5 on 127.0.0.1:", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Device_owners_are_graph_standalone_users()
    {
        for (var index = 0; index < 10; index++)
        {
            var (owner, displayName) = PbxStandalone.DeviceOwner(index);
            var user = GraphStandalone.GeneratedUser(index + 1);

            Assert.Equal(user.UserPrincipalName, owner);
            Assert.Equal(user.DisplayName, displayName);
        }
    }

    /// <summary>A writer the runner prints to while the test waits for a line.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        private readonly Lock _lock = new();

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return ToString();
                }
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            lock (_lock)
            {
                base.WriteLine(value);
            }

            return Task.CompletedTask;
        }

        public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                var line = Text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
                if (line is not null)
                {
                    return line[prefix.Length..];
                }

                await Task.Delay(20);
            }

            throw new TimeoutException($"No line starting with '{prefix}' within {timeout}; output so far: {Text}");
        }
    }
}
