using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Core.Configuration;
using PbxLab.Core.Gateway;
using PbxLab.Core.Links;

namespace PbxLab.Core.Tests.TestSupport;

/// <summary>
/// A gateway on a fake clock, wired to a <see cref="GraphTestServer"/> and to <see cref="FakePbxLink"/>s.
/// By default one MiVoice Office 400 link pbx1 carries alice (device 201) and bob (device 202),
/// both in the directory as id-alice and id-bob.
/// </summary>
public sealed class GatewayTestBed : IAsyncDisposable
{
    public const string ClientId = "6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77";

    public const string ClientSecret = "test-secret-value-Zq8";

    public const string TenantId = "contoso.onmicrosoft.com";

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentQueue<GatewayTraceEntry> _trace = new();

    private GatewayTestBed(GraphTestServer server)
    {
        Server = server;
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
    }

    public GraphTestServer Server { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public RecordingLoggerProvider Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public List<FakePbxLink> Links { get; } = [];

    public GatewayHost Host { get; private set; } = null!;

    public IReadOnlyList<GatewayTraceEntry> Trace => [.. _trace];

    public static GatewayOptions DefaultOptions(GraphTestServer server) => new()
    {
        TenantId = TenantId,
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        TokenBaseUrl = server.TokenBaseUrl,
        GraphBaseUrl = server.GraphBaseUrl,
        PbxLinks = [new PbxLinkConfiguration("pbx1", "127.0.0.1", 7001, "mivo400")],
        Users =
        [
            new GatewayUserConfiguration("alice@contoso.com", "201", "pbx1"),
            new GatewayUserConfiguration("bob@contoso.com", "202", "pbx1"),
        ],
        History = new HistoryStoreOptions { SqlitePath = Path.Combine(Path.GetTempPath(), $"pbxlab-core-tests-{Guid.NewGuid():N}.db") },
        Api = new ApiOptions { Port = 0 },
    };

    /// <summary>Starts the server, lets the test arrange it and the options, then starts the gateway.</summary>
    public static async Task<GatewayTestBed> StartAsync(
        Action<GraphTestServer>? arrangeServer = null,
        Func<GatewayOptions, GatewayOptions>? configure = null,
        bool addDefaultDirectory = true)
    {
        var server = await GraphTestServer.StartAsync();
        var bed = new GatewayTestBed(server);
        if (addDefaultDirectory)
        {
            server.AddUser("id-alice", "alice@contoso.com", "alice@contoso.com", "Alice");
            server.AddUser("id-bob", "bob@contoso.com", "bob@contoso.com", "Bob");
        }

        arrangeServer?.Invoke(server);
        var options = DefaultOptions(server);
        options = configure?.Invoke(options) ?? options;

        bed.Host = await GatewayHost.StartAsync(options, bed.Time, bed.LoggerFactory, bed.CreateLink);
        bed.Host.Trace += bed._trace.Enqueue;
        return bed;
    }

    public FakePbxLink Link(string name = "pbx1") => Links.Single(link => link.Name == name);

    /// <summary>Reports a line state on a device of pbx1, as a CSTA link would.</summary>
    public void LineState(string device, PbxLab.Core.Presence.LineState lineState, string link = "pbx1") =>
        Link(link).Sink.OnLineStateChanged(link, device, lineState);

    /// <summary>Waits until the gateway has matched a user in Entra and written their first presence.</summary>
    public Task WaitUntilMatchedAsync(string email) =>
        Eventually.HoldsAsync(
            () => Host.Users.Single(user => user.Email == email) is { MatchedId: not null, LastWrite: not null },
            $"{email} matched and first presence written");

    /// <summary>Waits until a user's last write is the given one with the given Graph status.</summary>
    public Task WaitForLastWriteAsync(string email, string write, int status = 200) =>
        Eventually.HoldsAsync(
            () => Host.Users.Single(user => user.Email == email).LastWrite is { } last && last.Write.ToString() == write && last.StatusCode == status,
            $"last write of {email} is {write} with status {status}");

    public Task WaitForLogAsync(int eventId, int count = 1) =>
        Eventually.HoldsAsync(() => Logs.Records.Count(record => record.EventId == eventId) >= count, $"{count} log message(s) with event id {eventId}");

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await Server.DisposeAsync();
        LoggerFactory.Dispose();
    }

    private FakePbxLink CreateLink(PbxLinkOptions options, IPbxLinkSink sink)
    {
        var link = new FakePbxLink(options, sink);
        Links.Add(link);
        return link;
    }
}
