using System.CommandLine;
using System.Net;
using PbxLab.Core.Gateway;
using PbxLab.Core.Links;
using PbxLab.Simulators.Graph.Standalone;
using PbxLab.Simulators.Pbx;

namespace PbxLab.Cli;

/// <summary>
/// The verbs that run one part on its own until Ctrl+C: <c>sim pbx</c>, <c>sim graph</c> and
/// <c>gateway</c>, so an external CSTA client, a real gateway or a person can use the simulators.
/// </summary>
internal static class ServerCommands
{
    public static Command BuildSim(TextWriter output, CliOptions options)
    {
        var sim = new Command("sim", "Run a simulator on its own until Ctrl+C.");
        sim.Subcommands.Add(BuildSimPbx(output, options));
        sim.Subcommands.Add(BuildSimGraph(output, options));
        return sim;
    }

    public static Command BuildGateway(TextWriter error, CliOptions options)
    {
        var config = new Option<FileInfo>("--config")
        {
            Description = "Gateway configuration file (JSON): PBX links, users, tenant, client id and secret, token and Graph URLs.",
            Required = true,
        };
        var command = new Command("gateway", "Run the core gateway against the PBXs and the Graph its configuration names, until Ctrl+C. Exit codes: 0 stopped; 2 invalid configuration.")
        {
            config,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            var loggerFactory = options.LoggerFactory;
            return GatewayStandalone.RunAsync(
                parseResult.GetValue(config)!.FullName,
                loggerFactory,
                (linkOptions, sink) => new CstaPbxLink(linkOptions, sink, TimeProvider.System, loggerFactory),
                error,
                cancellationToken);
        });
        return command;
    }

    private static Command BuildSimPbx(TextWriter output, CliOptions options)
    {
        var profile = new Option<string>("--profile")
        {
            Description = "PBX profile: mivo400, mivoice5000, mxone or mivb.",
            DefaultValueFactory = _ => "mivo400",
        };
        var port = new Option<int?>("--port")
        {
            Description = "CSTA TCP port; the profile's default port when left out, 0 for an ephemeral port.",
            CustomParser = OptionValues.OptionalPort(),
        };
        var controlPort = new Option<int>("--control-port")
        {
            Description = "HTTP control port; 0 (the default) picks an ephemeral port.",
            CustomParser = OptionValues.Port(),
        };

        // The profile's maximum device count is checked once the profile is known.
        var devices = new Option<int>("--devices")
        {
            Description = "Devices to create, numbered from 200: device 200 is owned by user1@contoso.com, 201 by user2@contoso.com and so on.",
            DefaultValueFactory = _ => 10,
            CustomParser = OptionValues.WholeNumber(0, int.MaxValue),
        };
        var licences = new Option<int?>("--licences")
        {
            Description = "CSTA-session licences (one per monitored device); the profile's default when left out.",
            CustomParser = OptionValues.OptionalWholeNumber(0, int.MaxValue),
        };
        var bind = new Option<string>("--bind")
        {
            Description = "IP address to listen on.",
            DefaultValueFactory = _ => "127.0.0.1",
        };

        var command = new Command("pbx", "Run the PBX simulator: a CSTA server plus an HTTP control endpoint. Exit codes: 0 stopped; 2 invalid options; 3 a port is in use.")
        {
            profile, port, controlPort, devices, licences, bind,
        };

        command.SetAction((parseResult, cancellationToken) => PbxStandalone.RunAsync(
            new PbxStandaloneOptions
            {
                Profile = parseResult.GetValue(profile)!,
                Port = parseResult.GetValue(port),
                ControlPort = parseResult.GetValue(controlPort),
                Devices = parseResult.GetValue(devices),
                Licences = parseResult.GetValue(licences),
                Bind = parseResult.GetValue(bind)!,
                Output = output,
            },
            options.LoggerFactory,
            cancellationToken));
        return command;
    }

    private static Command BuildSimGraph(TextWriter output, CliOptions options)
    {
        var defaults = new GraphStandaloneOptions();
        var port = new Option<int>("--port")
        {
            Description = "HTTP port; 0 (the default) picks an ephemeral port.",
            CustomParser = OptionValues.Port(),
        };
        var bind = new Option<string>("--bind")
        {
            Description = "IP address to listen on.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var tenant = new Option<string>("--tenant")
        {
            Description = "Tenant id the token endpoint serves.",
            DefaultValueFactory = _ => defaults.TenantId,
        };
        var clientId = new Option<string>("--client-id")
        {
            Description = "Client id of the one app registration, consented for Presence.ReadWrite.All, User.Read.All and Contacts.Read.",
            DefaultValueFactory = _ => defaults.ClientId,
        };
        var clientSecret = new Option<string>("--client-secret")
        {
            Description = "Client secret of that app registration.",
            DefaultValueFactory = _ => defaults.ClientSecret,
        };
        var users = new Option<int>("--users")
        {
            Description = "Users to create: user1@contoso.com, user2@contoso.com and so on.",
            DefaultValueFactory = _ => defaults.Users,
            CustomParser = OptionValues.WholeNumber(0, GraphStandalone.MaxUsers),
        };
        var teamsLag = new Option<double>("--teams-lag")
        {
            Description = "Seconds the Teams view trails Graph (Teams clients poll), at most 3600.",
            CustomParser = OptionValues.Seconds(3600),
        };

        var command = new Command("graph", "Run the fake Microsoft Graph and Entra token endpoint. Exit codes: 0 stopped; 2 invalid options; 3 the port is in use.")
        {
            port, bind, tenant, clientId, clientSecret, users, teamsLag,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var bindText = parseResult.GetValue(bind)!;
            if (!IPAddress.TryParse(bindText, out var address))
            {
                await output.WriteLineAsync($"pbxlab: --bind '{bindText}' is not an IP address; give one such as 127.0.0.1.");
                return 2;
            }

            return await GraphStandalone.RunAsync(
                new GraphStandaloneOptions
                {
                    Port = parseResult.GetValue(port),
                    Bind = address,
                    TenantId = parseResult.GetValue(tenant)!,
                    ClientId = parseResult.GetValue(clientId)!,
                    ClientSecret = parseResult.GetValue(clientSecret)!,
                    Users = parseResult.GetValue(users),
                    TeamsClientLag = TimeSpan.FromSeconds(parseResult.GetValue(teamsLag)),
                    Output = output,
                },
                options.LoggerFactory,
                cancellationToken);
        });
        return command;
    }
}
