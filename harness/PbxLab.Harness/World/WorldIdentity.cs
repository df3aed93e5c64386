using System.Security.Cryptography;

namespace PbxLab.Harness.World;

/// <summary>The Entra app registration the core uses in a world; the secret is new for every world.</summary>
internal sealed record WorldIdentity(string TenantId, string ClientId, string ClientSecret)
{
    public static WorldIdentity Create() => new(
        TenantId: "6f1d2c3b-0a4e-4b5c-9d8e-7f6a5b4c3d2e",
        ClientId: "0c1e5a7d-3b2f-4e6a-8c9d-1f2e3d4c5b6a",
        ClientSecret: Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
}
