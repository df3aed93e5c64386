using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PbxLab.Core.Configuration;
using PbxLab.Core.History;
using PbxLab.Core.Storage;

namespace PbxLab.Core.Api;

/// <summary>
/// The core's REST API on Kestrel: call history and speed dials per user, and a health check.
/// It binds the configured address, which is 127.0.0.1 unless the configuration sets another.
/// </summary>
public sealed partial class CoreApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ICallHistoryStore _store;
    private readonly ISpeedDialSource _speedDials;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    private CoreApiServer(WebApplication app, ICallHistoryStore store, ISpeedDialSource speedDials, TimeProvider timeProvider, ILogger logger)
    {
        _app = app;
        _store = store;
        _speedDials = speedDials;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Root of the API, for example http://127.0.0.1:8089/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts listening; with port 0 the system picks a free port, which <see cref="BaseAddress"/> then shows.</summary>
    /// <exception cref="ArgumentException">The bind address is not an IP address or the port is outside 0..65535.</exception>
    public static async Task<CoreApiServer> StartAsync(ApiOptions options, ICallHistoryStore store, ISpeedDialSource speedDials, TimeProvider timeProvider, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(speedDials);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (!IPAddress.TryParse(options.Bind, out var address))
        {
            throw new ArgumentException($"The API bind address '{options.Bind}' is not an IP address; use 127.0.0.1 (the default) or another address of this machine.", nameof(options));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"The API port {options.Port} is not a TCP port; use 1 to 65535, or 0 for a free one.", nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(address, options.Port));

        var app = builder.Build();
        var server = new CoreApiServer(app, store, speedDials, timeProvider, loggerFactory.CreateLogger<CoreApiServer>());
        app.MapGet("/api/health", server.HandleAsync(server.WriteHealthAsync));
        app.MapGet("/api/users/{email}/call-history", server.HandleAsync(server.WriteCallHistoryAsync));
        app.MapGet("/api/users/{email}/speed-dials", server.HandleAsync(server.WriteSpeedDialsAsync));

        await app.StartAsync(cancellationToken);
        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(listening.EndsWith('/') ? listening : listening + "/");
        ApiLog.Started(server._logger, server.BaseAddress);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        ApiLog.Stopped(_logger, BaseAddress);
    }

    /// <summary>Wraps a handler so that a rejected request gets its JSON error and any other failure a logged 500.</summary>
    private RequestDelegate HandleAsync(Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context);
        }
        catch (ApiError error)
        {
            ApiLog.Rejected(_logger, context.TraceIdentifier, context.Request.Method, context.Request.Path, error.StatusCode, error.Parameter, error.Message);
            await error.WriteAsync(context.Response, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client closed the connection, so no response can be written.
        }
        catch (CallHistoryStoreException exception)
        {
            ApiLog.Failed(_logger, exception, context.TraceIdentifier, context.Request.Method, context.Request.Path);
            var error = new ApiError(StatusCodes.Status503ServiceUnavailable, "storeUnavailable", "(store)", null, exception.Message);
            await error.WriteAsync(context.Response, context.RequestAborted);
        }
        catch (Exception exception)
        {
            ApiLog.Failed(_logger, exception, context.TraceIdentifier, context.Request.Method, context.Request.Path);
            var error = new ApiError(StatusCodes.Status500InternalServerError, "internalError", "(none)", null, $"The request failed inside the core; see the core's log for request {context.TraceIdentifier}.");
            await error.WriteAsync(context.Response, context.RequestAborted);
        }
    };

    private async Task WriteHealthAsync(HttpContext context)
    {
        await WriteJsonAsync(context, json =>
        {
            json.WriteString("status", "ok");
            json.WriteString("time", ApiJson.FormatTime(_timeProvider.GetUtcNow()));
        });
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> writeProperties)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        writeProperties(json);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static string ReadEmail(HttpContext context)
    {
        var email = context.Request.RouteValues["email"] as string ?? "";
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == email.Length - 1 || email.Any(char.IsWhiteSpace))
        {
            throw ApiError.BadParameter("email", email, "is not an email address; put the user's email (as in the gateway configuration) in the path, like /api/users/alice@contoso.com/call-history.");
        }

        return email;
    }
}
