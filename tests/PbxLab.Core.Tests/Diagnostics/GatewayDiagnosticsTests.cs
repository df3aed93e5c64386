using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Core.Diagnostics;
using PbxLab.Core.Tests.TestSupport;

namespace PbxLab.Core.Tests.Diagnostics;

public sealed class GatewayDiagnosticsTests
{
    private readonly FakeTimeProvider _time = new(GatewayTestBed.Start);
    private readonly RecordingLoggerProvider _logs = new();

    [Fact]
    public void Repeats_are_counted_once()
    {
        var diagnostics = Create();

        diagnostics.Report(DiagnosticKind.UserNotMatched, "first", email: "alice@contoso.com", device: "201", link: "pbx1");
        _time.Advance(TimeSpan.FromMinutes(15));
        diagnostics.Report(DiagnosticKind.UserNotMatched, "second", email: "ALICE@contoso.com", device: "201", link: "pbx1");

        var entry = Assert.Single(diagnostics.Entries);
        Assert.Equal(2, entry.Count);
        Assert.Equal("second", entry.Reason);
        Assert.Equal(GatewayTestBed.Start, entry.FirstSeen);
        Assert.Equal(GatewayTestBed.Start.AddMinutes(15), entry.LastSeen);
    }

    [Fact]
    public void Different_users_are_separate_entries()
    {
        var diagnostics = Create();

        diagnostics.Report(DiagnosticKind.UserNotMatched, "a", email: "alice@contoso.com");
        diagnostics.Report(DiagnosticKind.UserNotMatched, "b", email: "bob@contoso.com");
        diagnostics.Report(DiagnosticKind.UserWithoutRole, "c", email: "alice@contoso.com");

        Assert.Equal(3, diagnostics.Entries.Count);
        Assert.Equal(2, diagnostics.OfKind(DiagnosticKind.UserNotMatched).Count);
    }

    [Fact]
    public void Repeats_are_logged_at_powers_of_ten()
    {
        var diagnostics = Create();

        for (var count = 0; count < 100; count++)
        {
            diagnostics.Report(DiagnosticKind.LinkDown, "down", link: "pbx1");
        }

        var logged = _logs.Records.Where(record => record.EventId == 4500).ToList();
        Assert.Equal(3, logged.Count);
        Assert.Contains("seen 100 times", logged[^1].Message, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Warning, logged[0].Level);
    }

    [Fact]
    public async Task Concurrent_reports_are_all_counted()
    {
        var diagnostics = Create();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var count = 0; count < 500; count++)
            {
                diagnostics.Report(DiagnosticKind.GraphForbidden, "403", email: "alice@contoso.com");
            }
        })));

        Assert.Equal(4000, Assert.Single(diagnostics.Entries).Count);
    }

    private GatewayDiagnostics Create()
    {
        var factory = LoggerFactory.Create(builder => builder.AddProvider(_logs));
        return new GatewayDiagnostics(_time, factory.CreateLogger<GatewayDiagnostics>());
    }
}
