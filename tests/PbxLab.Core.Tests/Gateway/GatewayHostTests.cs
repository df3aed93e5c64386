using PbxLab.Core.Configuration;
using PbxLab.Core.Diagnostics;
using PbxLab.Core.Gateway;
using PbxLab.Core.Links;
using PbxLab.Core.Presence;
using PbxLab.Core.Tests.TestSupport;

namespace PbxLab.Core.Tests.Gateway;

/// <summary>The gateway host driven through a PBX link double, writing to Graph over loopback HTTP.</summary>
public sealed class GatewayHostTests
{
    [Fact]
    public async Task Links_are_built_per_pbx()
    {
        await using var bed = await GatewayTestBed.StartAsync(configure: options => options.With(
            links:
            [
                new PbxLinkConfiguration("pbx1", "127.0.0.1", 7001, "mivo400"),
                new PbxLinkConfiguration("pbx2", "127.0.0.2", 8882, "MXONE"),
            ],
            users:
            [
                new GatewayUserConfiguration("alice@contoso.com", "201", "pbx1"),
                new GatewayUserConfiguration("bob@contoso.com", "301", "PBX2"),
                new GatewayUserConfiguration("carol@contoso.com", "203", "pbx1"),
            ]));

        Assert.Equal(["pbx1", "pbx2"], bed.Links.Select(link => link.Name));
        Assert.All(bed.Links, link => Assert.True(link.Started));
        Assert.Equal(("127.0.0.1", 7001, "mivo400"), (bed.Link("pbx1").Options.Host, bed.Link("pbx1").Options.Port, bed.Link("pbx1").Options.Profile));
        Assert.Equal(["201", "203"], bed.Link("pbx1").Options.Devices);
        Assert.Equal(("127.0.0.2", 8882, "mxone"), (bed.Link("pbx2").Options.Host, bed.Link("pbx2").Options.Port, bed.Link("pbx2").Options.Profile));
        Assert.Equal(["301"], bed.Link("pbx2").Options.Devices);
        Assert.Equal(["alice@contoso.com", "bob@contoso.com", "carol@contoso.com"], bed.Host.Users.Select(user => user.Email));
    }

    [Fact]
    public async Task Invalid_options_are_rejected()
    {
        var linksCreated = 0;
        var options = new GatewayOptions
        {
            TenantId = "contoso.onmicrosoft.com",
            ClientId = "not-a-guid",
            ClientSecret = "s",
            PbxLinks = [new PbxLinkConfiguration("pbx1", "127.0.0.1", 7001, "mivo400")],
            Users = [new GatewayUserConfiguration("alice@contoso.com", "201", "pbx1")],
        };

        var exception = await Assert.ThrowsAsync<GatewayConfigurationException>(() => GatewayHost.StartAsync(
            options,
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            (linkOptions, sink) =>
            {
                linksCreated++;
                return new FakePbxLink(linkOptions, sink);
            }));

        Assert.Equal("clientId", Assert.Single(exception.Errors).Path);
        Assert.Equal(0, linksCreated);
    }

    [Fact]
    public async Task Injected_handler_carries_requests()
    {
        await using var server = await GraphTestServer.StartAsync();
        server.AddUser("id-alice", "alice@contoso.com", null, "Alice");
        using var handler = new CountingHandler(new SocketsHttpHandler());
        var options = GatewayTestBed.DefaultOptions(server).WithUsers(("alice@contoso.com", "201"));

        var host = await GatewayHost.StartAsync(
            options,
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            (linkOptions, sink) => new FakePbxLink(linkOptions, sink),
            handler);
        await using (host)
        {
            await Eventually.HoldsAsync(() => server.PresenceWrites.Count == 1, "first presence write");
        }

        Assert.Equal(server.Requests.Count, handler.Count);
    }

    [Fact]
    public async Task Line_states_drive_graph_writes()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        await bed.WaitUntilMatchedAsync("alice@contoso.com");
        await bed.WaitUntilMatchedAsync("bob@contoso.com");

        bed.LineState("201", LineState.Busy);
        await bed.WaitForLastWriteAsync("alice@contoso.com", "setPresence Busy/InACall");
        bed.LineState("202", LineState.DoNotDisturb);
        await bed.WaitForLastWriteAsync("bob@contoso.com", "setPresence DoNotDisturb/Presenting");
        bed.LineState("201", LineState.Available);
        await bed.WaitForLastWriteAsync("alice@contoso.com", "clearPresence");

        Assert.Equal(CloudLinkPresence.Available, bed.Host.GetCloudLinkPresence("ALICE@contoso.com"));
        Assert.Equal(CloudLinkPresence.DoNotDisturb, bed.Host.GetCloudLinkPresence("bob@contoso.com"));
        Assert.Null(bed.Server.SessionOf("id-alice"));
        Assert.Equal(("DoNotDisturb", "Presenting"), bed.Server.SessionOf("id-bob"));

        var aliceTrace = bed.Trace.Where(entry => entry.Email == "alice@contoso.com" && entry.Kind == GatewayTraceKind.PresenceChanged).Select(entry => entry.Detail);
        Assert.Equal(["Unknown -> Busy", "Busy -> Available"], aliceTrace);
        Assert.Contains(bed.Trace, entry => entry.Kind == GatewayTraceKind.GraphWrite && entry.Detail == "setPresence Busy/InACall: 200");
    }

    [Fact]
    public async Task Absent_user_presence_sets_away()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        await bed.WaitUntilMatchedAsync("alice@contoso.com");

        bed.LineState("201", LineState.Busy);
        bed.Link().Sink.OnUserPresenceChanged("pbx1", "201", PbxUserPresence.Absent);
        await bed.WaitForLastWriteAsync("alice@contoso.com", "setPresence Away/Away");

        Assert.Equal(CloudLinkPresence.Away, bed.Host.GetCloudLinkPresence("alice@contoso.com"));
        Assert.Equal(("Away", "Away"), bed.Server.SessionOf("id-alice"));
    }

    [Fact]
    public async Task User_presence_ignored_without_profile_support()
    {
        await using var bed = await GatewayTestBed.StartAsync(configure: options => options.With(
            links: [new PbxLinkConfiguration("pbx1", "127.0.0.1", 8882, "mxone")]));
        await bed.WaitUntilMatchedAsync("alice@contoso.com");

        bed.LineState("201", LineState.Available);
        bed.Link().Sink.OnUserPresenceChanged("pbx1", "201", PbxUserPresence.Absent);
        await Eventually.SettleAsync();

        Assert.Equal(CloudLinkPresence.Available, bed.Host.GetCloudLinkPresence("alice@contoso.com"));
        Assert.Null(bed.Host.Users[0].UserPresence);
    }

    [Fact]
    public async Task Role_refusal_reports_user_without_role()
    {
        await using var bed = await GatewayTestBed.StartAsync();

        bed.Link().Sink.OnMonitorStarted("pbx1", "201", "7");
        bed.Link().Sink.OnMonitorRefused("pbx1", "202", "operation", "privilegeViolationSpecifiedDevice");

        var entry = Assert.Single(bed.Host.Diagnostics.OfKind(DiagnosticKind.UserWithoutRole));
        Assert.Equal("bob@contoso.com", entry.Email);
        Assert.Equal("202", entry.Device);
        Assert.Equal("pbx1", entry.Link);
        Assert.Equal("operation/privilegeViolationSpecifiedDevice", entry.Code);
        Assert.Contains("CloudLink role", entry.Reason, StringComparison.Ordinal);
        Assert.True(bed.Host.Users[0].Monitored);
        Assert.False(bed.Host.Users[1].Monitored);
    }

    [Fact]
    public async Task Licence_refusal_reports_monitor_refused()
    {
        await using var bed = await GatewayTestBed.StartAsync();

        bed.Link().Sink.OnMonitorRefused("pbx1", "201", "systemResourceAvailibility", "overallMonitorLimitExceeded");
        bed.Link().Sink.OnMonitorRefused("pbx1", "201", "systemResourceAvailibility", "overallMonitorLimitExceeded");

        var entry = Assert.Single(bed.Host.Diagnostics.OfKind(DiagnosticKind.MonitorRefused));
        Assert.Equal("alice@contoso.com", entry.Email);
        Assert.Equal("systemResourceAvailibility/overallMonitorLimitExceeded", entry.Code);
        Assert.Contains("the PBX is out of CSTA-session licences", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(2, entry.Count);
        Assert.Empty(bed.Host.Diagnostics.OfKind(DiagnosticKind.UserWithoutRole));
    }

    [Fact]
    public async Task Link_down_clears_presence()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        await bed.WaitUntilMatchedAsync("alice@contoso.com");
        await bed.WaitUntilMatchedAsync("bob@contoso.com");
        bed.Link().Sink.OnLinkPhaseChanged("pbx1", PbxLinkPhase.Running, null);
        bed.Link().Sink.OnMonitorStarted("pbx1", "201", "7");
        bed.LineState("201", LineState.Busy);
        bed.Link().Sink.OnUserPresenceChanged("pbx1", "202", PbxUserPresence.Absent);
        bed.LineState("202", LineState.Available);
        await bed.WaitForLastWriteAsync("alice@contoso.com", "setPresence Busy/InACall");
        await bed.WaitForLastWriteAsync("bob@contoso.com", "setPresence Away/Away");

        bed.Link().Sink.OnLinkPhaseChanged("pbx1", PbxLinkPhase.Disconnected, "connection reset by peer");
        await bed.WaitForLastWriteAsync("alice@contoso.com", "clearPresence");
        await bed.WaitForLastWriteAsync("bob@contoso.com", "clearPresence");

        Assert.All(bed.Host.Users, user =>
        {
            Assert.Equal(CloudLinkPresence.Offline, user.Presence);
            Assert.Equal(LineState.Offline, user.LineState);
            Assert.False(user.Monitored);
        });
        Assert.Null(bed.Server.SessionOf("id-alice"));
        Assert.Null(bed.Server.SessionOf("id-bob"));
        var entry = Assert.Single(bed.Host.Diagnostics.OfKind(DiagnosticKind.LinkDown));
        Assert.Equal("pbx1", entry.Link);
        Assert.Contains("connection reset by peer", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_beyond_role_limit_are_reported()
    {
        // MiVoice Office 400 allows 800 users with a CloudLink role per PBX.
        var users = Enumerable.Range(0, 801)
            .Select(index => new GatewayUserConfiguration($"user{index}@contoso.com", (1000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture), "pbx1"))
            .ToList();
        await using var bed = await GatewayTestBed.StartAsync(configure: options => options.With(users: users));

        Assert.Equal(800, bed.Link().Options.Devices.Count);
        Assert.DoesNotContain("1800", bed.Link().Options.Devices);
        var entry = Assert.Single(bed.Host.Diagnostics.OfKind(DiagnosticKind.RoleLimitExceeded));
        Assert.Equal("user800@contoso.com", entry.Email);
        Assert.Equal("1800", entry.Device);
        Assert.Contains("800", entry.Reason, StringComparison.Ordinal);
        Assert.False(bed.Host.Users[800].WithinRoleLimit);
        Assert.Equal(801, bed.Host.Users.Count);
    }

    [Fact]
    public async Task Unknown_device_is_ignored()
    {
        await using var bed = await GatewayTestBed.StartAsync();

        bed.LineState("999", LineState.Busy);

        Assert.Contains(bed.Logs.Records, record => record.EventId == 4121 && record.Message.Contains("999", StringComparison.Ordinal));
        Assert.All(bed.Host.Users, user => Assert.Equal(CloudLinkPresence.Unknown, user.Presence));
    }

    [Fact]
    public async Task Concurrent_events_end_consistent()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        await bed.WaitUntilMatchedAsync("alice@contoso.com");
        await bed.WaitUntilMatchedAsync("bob@contoso.com");
        LineState[] states = [LineState.Busy, LineState.Available, LineState.DoNotDisturb, LineState.Offline];

        // Links call the sink from their own I/O threads, so events for both devices interleave.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            for (var step = 0; step < 200; step++)
            {
                bed.LineState(step % 2 == 0 ? "201" : "202", states[(thread + step) % states.Length]);
            }
        })));
        bed.LineState("201", LineState.Busy);
        bed.LineState("202", LineState.DoNotDisturb);

        await bed.WaitForLastWriteAsync("alice@contoso.com", "setPresence Busy/InACall");
        await bed.WaitForLastWriteAsync("bob@contoso.com", "setPresence DoNotDisturb/Presenting");
        await Eventually.SettleAsync();
        Assert.Equal(CloudLinkPresence.Busy, bed.Host.GetCloudLinkPresence("alice@contoso.com"));
        Assert.Equal(CloudLinkPresence.DoNotDisturb, bed.Host.GetCloudLinkPresence("bob@contoso.com"));
        Assert.Equal(("Busy", "InACall"), bed.Server.SessionOf("id-alice"));
        Assert.Equal(("DoNotDisturb", "Presenting"), bed.Server.SessionOf("id-bob"));
    }

    [Fact]
    public async Task Dispose_clears_set_sessions()
    {
        var bed = await GatewayTestBed.StartAsync();
        await bed.WaitUntilMatchedAsync("alice@contoso.com");
        await bed.WaitUntilMatchedAsync("bob@contoso.com");
        bed.LineState("201", LineState.Busy);
        await bed.WaitForLastWriteAsync("alice@contoso.com", "setPresence Busy/InACall");
        var writesBefore = bed.Server.PresenceWrites.Count;

        await bed.Host.DisposeAsync();

        Assert.Null(bed.Server.SessionOf("id-alice"));
        var shutdownWrites = bed.Server.PresenceWrites.Skip(writesBefore).ToList();
        var clear = Assert.Single(shutdownWrites);
        Assert.Equal("/v1.0/users/id-alice/presence/clearPresence", clear.Path);
        await bed.DisposeAsync();
    }

    [Fact]
    public async Task Dispose_stops_links()
    {
        var bed = await GatewayTestBed.StartAsync();
        var link = bed.Link();

        await bed.DisposeAsync();

        Assert.True(link.Disposed);
    }

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _count;

        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
