using System.Globalization;
using Microsoft.Extensions.Logging;
using PbxLab.Simulators.Graph.Directory;

namespace PbxLab.Simulators.Graph.Standalone;

/// <summary>
/// Runs a fake Graph on its own until cancelled, with generated users, one consented app registration
/// and the /_pbxlab/ control endpoints switched on.
/// </summary>
public static class GraphStandalone
{
    /// <summary>Maximum number of generated users.</summary>
    public const int MaxUsers = 100_000;

    /// <summary>
    /// Starts the server, prints how to use it, waits for cancellation; returns 0, 2 for invalid
    /// options or 3 when the port cannot be bound.
    /// </summary>
    public static async Task<int> RunAsync(GraphStandaloneOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var output = options.Output ?? Console.Out;

        if (options.Users is < 0 or > MaxUsers)
        {
            await output.WriteLineAsync($"Invalid user count {options.Users}: use 0 to {MaxUsers}.").ConfigureAwait(false);
            return 2;
        }

        if (options.Port is < 0 or > 65535)
        {
            await output.WriteLineAsync($"Invalid port {options.Port}: use 0 (any free port) to 65535.").ConfigureAwait(false);
            return 2;
        }

        if (options.TeamsClientLag < TimeSpan.Zero)
        {
            await output.WriteLineAsync($"Invalid Teams client lag {options.TeamsClientLag.TotalSeconds} s: use 0 or more seconds.").ConfigureAwait(false);
            return 2;
        }

        var timeProvider = TimeProvider.System;
        var serverOptions = new FakeGraphOptions
        {
            TenantId = options.TenantId,
            Bind = options.Bind,
            Port = options.Port,
            TeamsClientLag = options.TeamsClientLag,
            EnableControlApi = true,
        };

        FakeGraphServer startedServer;
        try
        {
            startedServer = await FakeGraphServer.StartAsync(serverOptions, timeProvider, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            await output.WriteLineAsync($"The fake Graph could not listen on {options.Bind}:{options.Port}: {exception.Message.TrimEnd('.')}. Use another --port.").ConfigureAwait(false);
            return 3;
        }

        await using var server = startedServer;
        server.AddApplication(options.ClientId, options.ClientSecret, timeProvider.GetUtcNow().AddYears(2), "Presence.ReadWrite.All", "User.Read.All", "Contacts.Read");
        for (var index = 1; index <= options.Users; index++)
        {
            server.Directory.AddUser(GeneratedUser(index));
        }

        await output.WriteLineAsync(Banner(server, options)).ConfigureAwait(false);

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is the normal way to stop.
        }

        return 0;
    }

    /// <summary>Returns the generated user number <paramref name="index"/> (1-based) with a stable object id.</summary>
    public static FakeUser GeneratedUser(int index) => new()
    {
        Id = $"00000000-0000-4000-8000-{index.ToString("D12", CultureInfo.InvariantCulture)}",
        UserPrincipalName = $"user{index}@contoso.com",
        Mail = $"user{index}@contoso.com",
        DisplayName = $"User {index}",
        GivenName = "User",
        Surname = index.ToString(CultureInfo.InvariantCulture),
        BusinessPhones = [$"+1 425 555 {(index % 10_000).ToString("D4", CultureInfo.InvariantCulture)}"],
    };

    private static string Banner(FakeGraphServer server, GraphStandaloneOptions options) => $"""
        Fake Microsoft Graph is running.
          Graph base URL:  {server.GraphBaseAddress}
          Token endpoint:  {server.TokenEndpoint(options.TenantId)}
          Tenant id:       {options.TenantId}
          Client id:       {options.ClientId} (roles Presence.ReadWrite.All, User.Read.All, Contacts.Read)
          Users:           {options.Users} (user1@contoso.com ... user{options.Users}@contoso.com)

        Get a token:
          curl -s -X POST {server.TokenEndpoint(options.TenantId)} \
            -d grant_type=client_credentials -d client_id={options.ClientId} \
            -d client_secret=<the configured secret> --data-urlencode scope=https://graph.microsoft.com/.default
        Read presence:
          curl -s -H "Authorization: Bearer <token>" {server.GraphBaseAddress}users/user1@contoso.com/presence
        Drive it (no token needed):
          curl -s {server.BaseAddress}_pbxlab/users/user1@contoso.com
          curl -s -X POST {server.BaseAddress}_pbxlab/users/user1@contoso.com/teamsClient -d '{"{"}"state":"Active"{"}"}'
          curl -s -X POST {server.BaseAddress}_pbxlab/throttle -d '{"{"}"count":3,"retryAfterSeconds":5{"}"}'
        Press Ctrl+C to stop.
        """;
}
