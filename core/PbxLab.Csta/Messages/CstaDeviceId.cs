namespace PbxLab.Csta.Messages;

/// <summary>Helpers for CSTA device identifiers as switches write them.</summary>
public static class CstaDeviceId
{
    /// <summary>
    /// Extracts the directory number from a device identifier. Plain numbers pass through.
    /// The dialable form <c>N&lt;123!98&gt;</c> (MiVoice Office 400, as printed in an estos trace)
    /// yields <c>123</c>, and <c>N&lt;+3021061290002&gt;;noa=nk</c> (OpenScape Voice) yields
    /// <c>+3021061290002</c>. Anything else is returned trimmed.
    /// </summary>
    public static string ExtractDirectoryNumber(string deviceIdentifier)
    {
        ArgumentNullException.ThrowIfNull(deviceIdentifier);
        var text = deviceIdentifier.Trim();

        var open = text.IndexOf('<', StringComparison.Ordinal);
        var close = open < 0 ? -1 : text.IndexOf('>', open + 1);
        if (open < 0 || close < 0)
        {
            return text;
        }

        var inner = text.AsSpan(open + 1, close - open - 1);

        // NOTE: no source explains the "!98" suffix of the MiVoice Office 400 form. It may be a node
        // or site number, so it is dropped and only the number before it is kept.
        var bang = inner.IndexOf('!');
        if (bang >= 0)
        {
            inner = inner[..bang];
        }

        return inner.Trim().ToString();
    }
}
