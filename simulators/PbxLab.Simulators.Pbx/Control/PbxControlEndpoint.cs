using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PbxLab.Simulators.Pbx.Engine;

namespace PbxLab.Simulators.Pbx.Control;

/// <summary>
/// HTTP control API of one PBX simulator, for a person or an external tool: list and add devices, make
/// phones call, answer, hang up, set DND and presence, and drop CSTA connections. Errors are JSON
/// objects <c>{"error": "..."}</c> with 400 (bad input), 404 (unknown device or call), 409 (wrong state) or 415
/// (a body that is not sent as <c>content-type: application/json</c>).
/// </summary>
public sealed partial class PbxControlEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PbxControlEndpoint(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Base address, for example http://127.0.0.1:5100/.</summary>
    public Uri Url { get; }

    public static async Task<PbxControlEndpoint> StartAsync(
        PbxSimulator simulator, string bind, int port, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        if (!IPAddress.TryParse(bind, out var address))
        {
            throw new ArgumentException($"Control bind address '{bind}' is invalid. Use an IP address such as 127.0.0.1.", nameof(bind));
        }

        if (port is < 0 or > 65535)
        {
            throw new ArgumentException($"Control port {port} is invalid. Use 0 (ephemeral) to 65535.", nameof(port));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);

        // The host process owns Ctrl+C and SIGTERM; the default console lifetime would stop this API on its own.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.WebHost.ConfigureKestrel(o => o.Listen(address, port));

        var app = builder.Build();
        var logger = loggerFactory.CreateLogger<PbxControlEndpoint>();
        app.Use((context, next) => HandleErrorsAsync(context, next, logger));

        // Routing runs first so the body check below can tell which endpoint takes a JSON body.
        app.UseRouting();
        app.Use(CheckJsonBodyAsync);
        MapRoutes(app, simulator);

        await app.StartAsync(cancellationToken);
        var listening = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var url = new Uri(listening.EndsWith('/') ? listening : listening + "/");
        Log.Listening(logger, url);
        return new PbxControlEndpoint(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task HandleErrorsAsync(HttpContext context, Func<Task> next, ILogger logger)
    {
        try
        {
            await next();

            // Routing rejects a content type other than JSON before any endpoint runs, with a 415 and no body.
            if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType && !context.Response.HasStarted)
            {
                await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, UnsupportedContentTypeMessage(context.Request));
            }
        }
        catch (PbxOperationException exception)
        {
            var status = exception.Failure switch
            {
                PbxFailure.UnknownDevice or PbxFailure.UnknownCall => StatusCodes.Status404NotFound,
                PbxFailure.InvalidNumber or PbxFailure.InvalidForwarding => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status409Conflict,
            };
            await WriteErrorAsync(context, status, exception.Message);
        }
        catch (BadHttpRequestException exception)
        {
            // CheckJsonBodyAsync has already rejected bodies that do not parse, so a JsonException here is a
            // value whose JSON type does not match the field, such as a number where a string is expected.
            var message = exception.InnerException is JsonException json
                ? $"Request body field '{json.Path}' has the wrong JSON type. Send numbers and names as strings, " +
                  "switches as true or false, and seconds as a whole number."
                : exception.Message;
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, message);
        }
        catch (ControlInputException exception)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, exception.Message);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            Log.RequestFailed(logger, exception, context.Request.Method, context.Request.Path);
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, $"The simulator failed: {exception.Message}");
        }
    }

    /// <summary>
    /// Rejects a request to a route that takes a JSON body when that body is empty, is not sent as JSON, does not
    /// parse or is not a JSON object. The route's binding would otherwise respond with a framework message.
    /// </summary>
    private static async Task CheckJsonBodyAsync(HttpContext context, Func<Task> next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is null)
        {
            await next();
            return;
        }

        var request = context.Request;
        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (!canHaveBody || request.ContentLength == 0)
        {
            await WriteErrorAsync(
                context, StatusCodes.Status400BadRequest, "Request body is empty. Send a JSON object with content-type: application/json.");
            return;
        }

        if (!request.HasJsonContentType())
        {
            await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, UnsupportedContentTypeMessage(request));
            return;
        }

        // Buffering lets the route's binding read the body again after this parse.
        request.EnableBuffering();
        JsonValueKind kind;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
            kind = document.RootElement.ValueKind;
        }
        catch (JsonException exception)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"Request body is not valid JSON: {exception.Message}");
            return;
        }

        if (kind != JsonValueKind.Object)
        {
            var found = kind switch
            {
                JsonValueKind.Array => "an array",
                JsonValueKind.String => "a string",
                JsonValueKind.Number => "a number",
                JsonValueKind.True or JsonValueKind.False => "a boolean",
                _ => "null",
            };
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"Request body is {found}. Send a JSON object with the request's fields.");
            return;
        }

        request.Body.Position = 0;
        await next();
    }

    private static string UnsupportedContentTypeMessage(HttpRequest request)
    {
        var received = string.IsNullOrEmpty(request.ContentType)
            ? "Content type is missing."
            : $"Content type '{request.ContentType}' is not supported.";
        return $"{received} Send content-type: application/json.";
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ControlError(message));
    }

    private static void MapRoutes(WebApplication app, PbxSimulator simulator)
    {
        app.MapGet("/status", () => new PbxStatus(
            simulator.Profile.Name,
            simulator.Profile.DisplayName,
            simulator.Profile.CstaEdition.ToString().ToLowerInvariant(),
            simulator.Bind,
            simulator.Port,
            simulator.Engine.DeviceCount,
            simulator.Profile.MaxDevices,
            simulator.Licences,
            simulator.LicencesInUse,
            simulator.ConnectionCount,
            simulator.Monitors.Count));

        app.MapGet("/devices", () => simulator.GetDevices());
        app.MapGet("/devices/{dn}", (string dn) => simulator.GetDevice(dn));
        app.MapPost("/devices", (AddDeviceRequest body) =>
        {
            var device = simulator.AddDevice(Required(body.Dn, "dn"), body.Owner, body.DisplayName, body.Role ?? true);
            return Results.Created($"/devices/{device.DirectoryNumber}", device);
        });

        app.MapPost("/devices/{dn}/answer", (string dn) => Done(() => simulator.Answer(dn), simulator, dn));
        app.MapPost("/devices/{dn}/hangup", (string dn) => Done(() => simulator.Hangup(dn), simulator, dn));
        app.MapPost("/devices/{dn}/dnd", (string dn, DoNotDisturbRequest body) =>
            Done(() => simulator.SetDoNotDisturb(dn, Required(body.On, "on")), simulator, dn));
        app.MapPost("/devices/{dn}/presence", (string dn, PresenceRequest body) =>
            Done(() => simulator.SetUserPresence(dn, ParsePresence(body.Value)), simulator, dn));
        app.MapPost("/devices/{dn}/service", (string dn, ServiceRequest body) =>
            Done(() => simulator.SetInService(dn, Required(body.InService, "inService")), simulator, dn));
        app.MapPost("/devices/{dn}/role", (string dn, RoleRequest body) =>
            Done(() => simulator.SetCloudLinkRole(dn, Required(body.Role, "role")), simulator, dn));

        app.MapPost("/devices/{dn}/hold", (string dn) => Done(() => simulator.Hold(dn), simulator, dn));
        app.MapPost("/devices/{dn}/retrieve", (string dn) => Done(() => simulator.Retrieve(dn), simulator, dn));
        app.MapPost("/devices/{dn}/reject", (string dn) => Done(() => simulator.Reject(dn), simulator, dn));
        app.MapPost("/devices/{dn}/transfer", (string dn) => Done(() => simulator.Transfer(dn), simulator, dn));
        app.MapPost("/devices/{dn}/conference", (string dn) => Done(() => simulator.Conference(dn), simulator, dn));
        app.MapPost("/devices/{dn}/blind-transfer", (string dn, NumberRequest body) =>
            Done(() => simulator.SingleStepTransfer(dn, Required(body.To, "to")), simulator, dn));
        app.MapPost("/devices/{dn}/consult", (string dn, NumberRequest body) =>
            Results.Created((string?)null, new CallCreated(simulator.Consult(dn, Required(body.To, "to")))));
        app.MapPost("/devices/{dn}/pickup", (string dn, PickupRequest body) =>
            Done(() => simulator.Pickup(dn, Required(body.Ringing, "ringing")), simulator, dn));
        app.MapPost("/devices/{dn}/forwarding", (string dn, ForwardingRequest body) =>
        {
            var type = ParseForwardingType(body.Type);
            TimeSpan? after = body.NoAnswerAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
            return Done(() => simulator.SetForwarding(dn, type, body.Destination, Required(body.On, "on"), after), simulator, dn);
        });
        app.MapGet("/devices/{dn}/forwarding", (string dn) =>
        {
            var (destinations, after) = simulator.Engine.GetForwarding(dn);
            return new ForwardingState(
                destinations.ToDictionary(pair => ForwardingTypeName(pair.Key), pair => pair.Value), (int)Math.Ceiling(after.TotalSeconds));
        });

        app.MapPost("/calls", (DialRequest body) =>
            Results.Created((string?)null, new CallCreated(simulator.Dial(Required(body.From, "from"), Required(body.To, "to")))));
        app.MapPost("/calls/incoming", (IncomingCallRequest body) =>
            Results.Created((string?)null, new CallCreated(simulator.IncomingExternalCall(CallingNumberOf(body), Required(body.To, "to")))));
        app.MapPost("/calls/{callId}/answer-external", (string callId) =>
        {
            simulator.AnswerExternal(callId);
            return Results.NoContent();
        });
        app.MapPost("/calls/{callId}/hangup-external", (string callId) =>
        {
            simulator.HangupExternal(callId);
            return Results.NoContent();
        });

        app.MapGet("/monitors", () => simulator.Monitors);
        app.MapGet("/trace", (int? limit) => simulator.Trace.TakeLast(Math.Clamp(limit ?? 200, 1, 10_000)));
        app.MapPost("/faults/drop-connections", async () =>
        {
            var dropped = simulator.ConnectionCount;
            await simulator.DropAllConnectionsAsync();
            return Results.Ok(new { dropped });
        });
    }

    private static IResult Done(Action action, PbxSimulator simulator, string dn)
    {
        action();
        return Results.Ok(simulator.GetDevice(dn));
    }

    private static T Required<T>(T? value, string field)
        where T : struct =>
        value ?? throw new ControlInputException($"Field '{field}' is missing from the request body.");

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new ControlInputException($"Field '{field}' is missing from the request body.") : value;

    private static PbxUserPresence ParsePresence(string? value)
    {
        var text = Required(value, "value");
        if (Enum.TryParse<PbxUserPresence>(text, ignoreCase: true, out var presence) && !int.TryParse(text, out _))
        {
            return presence;
        }

        throw new ControlInputException(
            $"Presence '{text}' is invalid. Use one of: available, absent, meeting, busy, notAvailable.");
    }

    private static string CallingNumberOf(IncomingCallRequest body) => body.Withheld switch
    {
        null => Required(body.CallingNumber, "callingNumber"),
        "restricted" => PbxNumbers.Restricted,
        "notKnown" => PbxNumbers.NotKnown,
        var other => throw new ControlInputException($"Withheld '{other}' is invalid. Use restricted or notKnown, or leave it out and give callingNumber."),
    };

    private static PbxForwardingType ParseForwardingType(string? value) => Required(value, "type") switch
    {
        "immediate" => PbxForwardingType.Immediate,
        "busy" => PbxForwardingType.Busy,
        "noAnswer" => PbxForwardingType.NoAnswer,
        var other => throw new ControlInputException($"Forwarding type '{other}' is invalid. Use immediate, busy or noAnswer."),
    };

    private static string ForwardingTypeName(PbxForwardingType type) => type switch
    {
        PbxForwardingType.Immediate => "immediate",
        PbxForwardingType.Busy => "busy",
        _ => "noAnswer",
    };

    private sealed class ControlInputException(string message) : Exception(message);

    private sealed class EmbeddedHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    // Event ids 2200-2299: the HTTP control API.
    private static partial class Log
    {
        [LoggerMessage(2200, LogLevel.Information, "PBX control API listening on {Url}")]
        public static partial void Listening(ILogger logger, Uri url);

        [LoggerMessage(2201, LogLevel.Error, "PBX control request {Method} {Path} failed")]
        public static partial void RequestFailed(ILogger logger, Exception exception, string method, PathString path);
    }
}
