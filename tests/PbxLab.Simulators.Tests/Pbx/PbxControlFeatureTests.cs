using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Simulators.Pbx;
using PbxLab.Simulators.Pbx.Control;
using PbxLab.Simulators.Pbx.Engine;
using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Simulators.Tests.Pbx;

public sealed class PbxControlFeatureTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private PbxSimulator _pbx = null!;
    private PbxControlEndpoint _control = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _pbx = await PbxSimulator.StartAsync(new PbxSimulatorOptions { Profile = PbxProfiles.MiVo400 }, _time, NullLoggerFactory.Instance);
        _control = await PbxControlEndpoint.StartAsync(_pbx, "127.0.0.1", 0, NullLoggerFactory.Instance);
        _http = new HttpClient { BaseAddress = _control.Url, Timeout = TimeSpan.FromSeconds(5) };
        _pbx.AddDevice("200");
        _pbx.AddDevice("201");
        _pbx.AddDevice("202");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _control.DisposeAsync();
        await _pbx.DisposeAsync();
    }

    [Fact]
    public async Task Consult_and_transfer_over_http()
    {
        _pbx.Dial("200", "201");
        _pbx.Answer("201");

        var consulted = await _http.PostAsJsonAsync("devices/201/consult", new { to = "202" });
        var consultCallId = (await consulted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("callId").GetString();
        var held = await _http.GetFromJsonAsync<JsonElement>("devices/201");
        _pbx.Answer("202");
        var transferred = await _http.PostAsync("devices/201/transfer", null);

        Assert.Equal(HttpStatusCode.Created, consulted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, transferred.StatusCode);
        Assert.Equal("hold", held.GetProperty("calls")[0].GetProperty("localState").GetString());
        Assert.Equal(consultCallId, held.GetProperty("calls")[1].GetProperty("callId").GetString());
        Assert.Empty(_pbx.GetDevice("201").Calls);
    }

    [Fact]
    public async Task Forwarding_and_withheld_call_over_http()
    {
        var set = await _http.PostAsJsonAsync("devices/201/forwarding", new { type = "noAnswer", destination = "202", on = true, noAnswerAfterSeconds = 12 });
        var state = await _http.GetFromJsonAsync<JsonElement>("devices/201/forwarding");
        var incoming = await _http.PostAsJsonAsync("calls/incoming", new { to = "200", withheld = "restricted" });
        var badType = await _http.PostAsJsonAsync("devices/201/forwarding", new { type = "sometimes", on = true });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("202", state.GetProperty("destinations").GetProperty("noAnswer").GetString());
        Assert.Equal(12, state.GetProperty("noAnswerAfterSeconds").GetInt32());
        Assert.Equal(HttpStatusCode.Created, incoming.StatusCode);
        Assert.Equal(PbxNumbers.Restricted, Assert.Single(_pbx.GetDevice("200").Calls).RemoteNumber);
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Contains("Forwarding type 'sometimes' is invalid", await badType.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impossible_hold_returns_conflict()
    {
        var response = await _http.PostAsync("devices/202/hold", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Device 202 cannot hold a call", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
