using Microsoft.Extensions.Logging;
using PbxLab.Core.Diagnostics;
using PbxLab.Core.Gateway;
using PbxLab.Core.Tests.TestSupport;

namespace PbxLab.Core.Tests.Gateway;

public sealed class GatewayStandaloneTests : IDisposable
{
    private readonly string _configPath = Path.Combine(Path.GetTempPath(), $"pbxlab-standalone-{Guid.NewGuid():N}.json");
    private readonly RecordingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public GatewayStandaloneTests()
    {
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs));
    }

    [Fact]
    public async Task Invalid_config_exits_with_two()
    {
        File.WriteAllText(_configPath, """{ "tenantId": "contoso.onmicrosoft.com", "clientId": "x", "users": [ { "email": "nobody" } ] }""");
        var linksCreated = 0;
        var errorOutput = new StringWriter();

        var exitCode = await GatewayStandalone.RunAsync(_configPath, _loggerFactory, (options, sink) =>
        {
            linksCreated++;
            return new FakePbxLink(options, sink);
        }, errorOutput, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Equal(0, linksCreated);
        var lines = errorOutput.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^Configuration .* has \d+ error\(s\):$", lines[0]);
        Assert.Single(lines, line => line.Contains("clientId: 'x' is not a GUID", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("users[0].email: 'nobody' is not an email address", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("pbxLinks: is empty or missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_config_logs_count_once()
    {
        File.WriteAllText(_configPath, """{ "tenantId": "contoso.onmicrosoft.com", "clientId": "x", "users": [ { "email": "nobody" } ] }""");
        var errorOutput = new StringWriter();

        await GatewayStandalone.RunAsync(_configPath, _loggerFactory, (options, sink) => new FakePbxLink(options, sink), errorOutput, CancellationToken.None);

        var listed = errorOutput.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.StartsWith("  ", StringComparison.Ordinal));
        var logged = Assert.Single(_logs.Records, record => record.Level >= LogLevel.Warning);
        Assert.Equal(4000, logged.EventId);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Equal($"Configuration {_configPath} is invalid ({listed} errors); the gateway did not start", logged.Message);
        Assert.DoesNotContain("is not a GUID", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_exits_with_zero()
    {
        await using var server = await GraphTestServer.StartAsync();
        server.AddUser("id-alice", "alice@contoso.com", null, "Alice");
        File.WriteAllText(_configPath, $$"""
            {
              "tenantId": "contoso.onmicrosoft.com",
              "clientId": "{{GatewayTestBed.ClientId}}",
              "clientSecret": "standalone-secret",
              "tokenBaseUrl": "{{server.TokenBaseUrl}}",
              "graphBaseUrl": "{{server.GraphBaseUrl}}",
              "pbxLinks": [ { "name": "pbx1", "host": "127.0.0.1", "port": 7001, "profile": "mivo400" } ],
              "users": [ { "email": "alice@contoso.com", "device": "201", "pbx": "pbx1" } ]
            }
            """);
        using var cancellation = new CancellationTokenSource();
        FakePbxLink? link = null;

        var run = GatewayStandalone.RunAsync(_configPath, _loggerFactory, (options, sink) => link = new FakePbxLink(options, sink), cancellation.Token);
        await Eventually.HoldsAsync(() => server.PresenceWrites.Count == 1, "first presence write of the standalone gateway");
        await cancellation.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(link!.Disposed);
        Assert.Equal("/v1.0/users/id-alice/presence/clearPresence", server.PresenceWrites[0].Path);
    }

    [Fact]
    public async Task Start_token_leaves_links_running()
    {
        // pbxlab gateway passes its Ctrl+C token as the start token. Had the links stopped with it, they would
        // report Disconnected before the host is disposed, which reads as a LinkDown failure.
        await using var server = await GraphTestServer.StartAsync();
        using var start = new CancellationTokenSource();
        FakePbxLink? link = null;
        var host = await GatewayHost.StartAsync(
            GatewayTestBed.DefaultOptions(server),
            TimeProvider.System,
            _loggerFactory,
            (options, sink) => link = new FakePbxLink(options, sink) { DisconnectWhenStopped = true },
            cancellationToken: start.Token);

        await start.CancelAsync();
        var linkDownBeforeDispose = host.Diagnostics.OfKind(DiagnosticKind.LinkDown).Count;
        await host.DisposeAsync();

        Assert.Equal(0, linkDownBeforeDispose);
        Assert.True(link!.Disposed);
        Assert.Contains(_logs.Records, record => record.EventId == 4110 && record.Message.Contains("Disconnected", StringComparison.Ordinal));
        Assert.Empty(host.Diagnostics.OfKind(DiagnosticKind.LinkDown));
        Assert.DoesNotContain(
            _logs.Records, record => record.Level >= LogLevel.Warning && record.Message.Contains("The link was stopped.", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _loggerFactory.Dispose();
        File.Delete(_configPath);
    }
}
