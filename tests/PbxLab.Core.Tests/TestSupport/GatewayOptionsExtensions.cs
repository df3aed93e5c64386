using PbxLab.Core.Configuration;

namespace PbxLab.Core.Tests.TestSupport;

public static class GatewayOptionsExtensions
{
    /// <summary>Returns a copy with the given users, all on pbx1.</summary>
    public static GatewayOptions WithUsers(this GatewayOptions options, params (string Email, string Device)[] users) =>
        options.With(users: [.. users.Select(user => new GatewayUserConfiguration(user.Email, user.Device, "pbx1"))]);

    /// <summary>Returns a copy with other links, users or history store; GatewayOptions is a class so it has no 'with'.</summary>
    public static GatewayOptions With(
        this GatewayOptions options,
        IReadOnlyList<PbxLinkConfiguration>? links = null,
        IReadOnlyList<GatewayUserConfiguration>? users = null,
        HistoryStoreOptions? history = null) => new()
    {
        TenantId = options.TenantId,
        ClientId = options.ClientId,
        ClientSecret = options.ClientSecret,
        TokenBaseUrl = options.TokenBaseUrl,
        GraphBaseUrl = options.GraphBaseUrl,
        Presence = options.Presence,
        UserMatchRetryInterval = options.UserMatchRetryInterval,
        PbxLinks = links ?? options.PbxLinks,
        Users = users ?? options.Users,
        History = history ?? options.History,
        Api = options.Api,
    };
}
