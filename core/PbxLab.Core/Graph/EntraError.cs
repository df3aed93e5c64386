using System.Text.Json;
using PbxLab.Core.Configuration;

namespace PbxLab.Core.Graph;

/// <summary>
/// The error body of the Entra token endpoint: error (an OAuth error value), error_description
/// (starts with "AADSTSnnnn: …") and error_codes (the AADSTS numbers).
/// </summary>
internal sealed record EntraError(string Error, string Description, int? AadstsCode)
{
    public static bool TryParse(string body, out EntraError error)
    {
        error = new EntraError("", "", null);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("error", out var errorElement)
                || errorElement.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            var description = root.TryGetProperty("error_description", out var descriptionElement) && descriptionElement.ValueKind == JsonValueKind.String
                ? descriptionElement.GetString() ?? ""
                : "";

            int? code = null;
            if (root.TryGetProperty("error_codes", out var codes) && codes.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in codes.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var number))
                    {
                        code = number;
                        break;
                    }
                }
            }

            // The description's first line is the readable part; later lines carry trace and correlation ids.
            var firstLine = description.Split(['\r', '\n'], 2)[0].Trim();
            error = new EntraError(errorElement.GetString() ?? "", firstLine, code);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Returns what the AADSTS code means for this gateway and what the administrator should do.</summary>
    public static string Advise(EntraError error, GatewayOptions options) => error.AadstsCode switch
    {
        7000215 => "Entra rejected the client secret (AADSTS7000215): the secret value is wrong. Set clientSecret to the secret's Value, not its Secret ID.",
        7000222 => "Entra rejected the client secret (AADSTS7000222): the secret has expired. Create a new client secret for the app registration and configure its Value.",
        700016 => $"Entra did not find application {options.ClientId} in tenant {options.TenantId} (AADSTS700016): check clientId and tenantId, and that an administrator of this tenant has consented to the app.",
        90002 => $"Entra did not find tenant {options.TenantId} (AADSTS90002): check tenantId; use the Directory (tenant) ID or a verified domain of the tenant.",
        { } code => $"Entra rejected the token request with {error.Error} (AADSTS{code}): {error.Description}",
        null => $"Entra rejected the token request with {error.Error}: {error.Description}",
    };
}
