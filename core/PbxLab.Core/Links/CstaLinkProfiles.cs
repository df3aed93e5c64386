using PbxLab.Csta;

namespace PbxLab.Core.Links;

/// <summary>ECMA-323 edition a CSTA link writes for each PBX profile; input in any edition is accepted.</summary>
internal static class CstaLinkProfiles
{
    public static CstaEdition EditionFor(string linkName, string profile) => profile switch
    {
        // MiVoice Office 400 uses ed5 in an estos trace and MX-ONE ed4 in a captured MakeCall.
        "mivo400" => CstaEdition.Ed5,
        "mxone" => CstaEdition.Ed4,

        // NOTE: no trace shows a CSTA XML edition for MiVoice 5000 or MiVoice Business; ed5 is assumed.
        "mivoice5000" or "mivb" => CstaEdition.Ed5,
        _ => throw new ArgumentException(
            $"Link '{linkName}' has profile '{profile}', which is not known; use mivo400, mivoice5000, mxone or mivb.",
            nameof(profile)),
    };
}
