using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Simulators.Pbx;
using PbxLab.Simulators.Pbx.Control;
using PbxLab.Simulators.Pbx.Engine;
using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Simulators.Tests.Pbx;

public sealed class PbxControlEndpointTests : IAsyncLifetime
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
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _control.DisposeAsync();
        await _pbx.DisposeAsync();
    }

    [Fact]
    public async Task Call_between_two_devices_over_http()
    {
        var added = await _http.PostAsJsonAsync("devices", new { dn = "200", owner = "user200@contoso.com", role = true });
        await _http.PostAsJsonAsync("devices", new { dn = "201", owner = "user201@contoso.com" });

        var dialled = await _http.PostAsJsonAsync("calls", new { from = "200", to = "201" });
        var callId = (await dialled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("callId").GetString();
        var ringing = await _http.GetFromJsonAsync<JsonElement>("devices/201");
        var answered = await _http.PostAsync("devices/201/answer", null);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Created, dialled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var call = ringing.GetProperty("calls")[0];
        Assert.Equal(callId, call.GetProperty("callId").GetString());
        Assert.Equal("alerting", call.GetProperty("localState").GetString());
        Assert.Equal(ConnectionState.Connected, Assert.Single(_pbx.GetDevice("201").Calls).LocalState);
        Assert.Equal("user201@contoso.com", _pbx.GetDevice("201").Owner);
    }

    [Fact]
    public async Task Dnd_presence_and_status()
    {
        _pbx.AddDevice("200");

        var dnd = await _http.PostAsJsonAsync("devices/200/dnd", new { on = true });
        var presence = await _http.PostAsJsonAsync("devices/200/presence", new { value = "notAvailable" });
        var status = await _http.GetFromJsonAsync<JsonElement>("status");
        var devices = await _http.GetFromJsonAsync<JsonElement>("devices");
        var monitors = await _http.GetFromJsonAsync<JsonElement>("monitors");

        Assert.Equal(HttpStatusCode.OK, dnd.StatusCode);
        Assert.Equal(HttpStatusCode.OK, presence.StatusCode);
        Assert.True(_pbx.GetDevice("200").DoNotDisturb);
        Assert.Equal(PbxUserPresence.NotAvailable, _pbx.GetDevice("200").UserPresence);
        Assert.Equal("mivo400", status.GetProperty("profile").GetString());
        Assert.Equal(_pbx.Port, status.GetProperty("cstaPort").GetInt32());
        Assert.Equal("ed5", status.GetProperty("cstaEdition").GetString());
        Assert.Equal(1, devices.GetArrayLength());
        Assert.Equal(0, monitors.GetArrayLength());
    }

    [Fact]
    public async Task Drop_connections_fault_closes_csta_clients()
    {
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);
        await client.ReceiveAsync();

        var dropped = await _http.PostAsync("faults/drop-connections", null);

        Assert.Equal(HttpStatusCode.OK, dropped.StatusCode);
        Assert.Equal(1, (await dropped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dropped").GetInt32());
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Bad_input_returns_json_errors()
    {
        _pbx.AddDevice("200");

        var badJson = await _http.PostAsync("devices", new StringContent("{\"dn\": ", Encoding.UTF8, "application/json"));
        var missingField = await _http.PostAsJsonAsync("calls", new { from = "200" });
        var unknownDevice = await _http.GetAsync("devices/999");
        var nothingRinging = await _http.PostAsync("devices/200/answer", null);
        var badPresence = await _http.PostAsJsonAsync("devices/200/presence", new { value = "sleeping" });
        var badNumber = await _http.PostAsJsonAsync("devices", new { dn = "abc" });

        await AssertErrorAsync(badJson, HttpStatusCode.BadRequest, "not valid JSON");
        await AssertErrorAsync(missingField, HttpStatusCode.BadRequest, "Field 'to' is missing");
        await AssertErrorAsync(unknownDevice, HttpStatusCode.NotFound, "Device '999' is not known");
        await AssertErrorAsync(nothingRinging, HttpStatusCode.Conflict, "Device 200 has no call to answer: it is idle.");
        await AssertErrorAsync(badPresence, HttpStatusCode.BadRequest, "Presence 'sleeping' is invalid");
        await AssertErrorAsync(badNumber, HttpStatusCode.BadRequest, "Directory number 'abc' is invalid");
    }

    [Fact]
    public async Task Body_without_json_content_type_rejected()
    {
        _pbx.AddDevice("200");
        _pbx.AddDevice("201");
        var body = "{\"from\":\"200\",\"to\":\"201\"}";

        var plainText = await _http.PostAsync("calls", new StringContent(body, Encoding.UTF8, "text/plain"));
        using var noContentType = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        var untyped = await _http.PostAsync("calls", noContentType);

        await AssertErrorAsync(
            plainText, HttpStatusCode.UnsupportedMediaType, "Content type 'text/plain; charset=utf-8' is not supported. Send content-type: application/json.");
        await AssertErrorAsync(untyped, HttpStatusCode.UnsupportedMediaType, "Content type is missing. Send content-type: application/json.");
        Assert.Empty(_pbx.GetDevice("200").Calls);
    }

    [Theory]
    [InlineData("", "Request body is empty. Send a JSON object with content-type: application/json.")]
    [InlineData("{\"from\": \"200\",", "Request body is not valid JSON:")]
    [InlineData("not json", "Request body is not valid JSON:")]
    [InlineData("[\"200\", \"201\"]", "Request body is an array. Send a JSON object with the request's fields.")]
    [InlineData("null", "Request body is null. Send a JSON object with the request's fields.")]
    [InlineData("{\"from\": 200, \"to\": \"201\"}", "Request body field '$.from' has the wrong JSON type.")]
    public async Task Empty_or_malformed_json_rejected(string body, string messagePart)
    {
        _pbx.AddDevice("200");
        _pbx.AddDevice("201");

        var response = await _http.PostAsync("calls", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, messagePart);
        Assert.Empty(_pbx.GetDevice("200").Calls);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string messagePart)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(messagePart, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
