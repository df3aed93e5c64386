using System.Diagnostics.CodeAnalysis;

namespace PbxLab.Csta;

/// <summary>
/// Maps ECMA-323 editions to their XML namespaces, for example
/// <c>http://www.ecma-international.org/standards/ecma-323/csta/ed5</c>.
/// </summary>
public static class CstaNamespaces
{
    public const string Prefix = "http://www.ecma-international.org/standards/ecma-323/csta/ed";

    /// <summary>Namespace of the MiVoice Office 400 user-presence private data (a PbxLab assumption, see <see cref="Messages.UserPresenceEvent"/>).</summary>
    public const string Mivo400UserPresence = "urn:pbxlab:mivo400:user-presence";

    public static string For(CstaEdition edition) => edition switch
    {
        CstaEdition.Ed3 or CstaEdition.Ed4 or CstaEdition.Ed5 or CstaEdition.Ed6 => Prefix + (int)edition,
        _ => throw new ArgumentOutOfRangeException(nameof(edition), edition, "Expected one of Ed3, Ed4, Ed5 or Ed6."),
    };

    /// <summary>Finds the edition whose namespace is <paramref name="namespaceUri"/>; false for any other URI.</summary>
    public static bool TryGetEdition(string? namespaceUri, [NotNullWhen(true)] out CstaEdition? edition)
    {
        edition = namespaceUri switch
        {
            Prefix + "3" => CstaEdition.Ed3,
            Prefix + "4" => CstaEdition.Ed4,
            Prefix + "5" => CstaEdition.Ed5,
            Prefix + "6" => CstaEdition.Ed6,
            _ => null,
        };
        return edition is not null;
    }

    /// <summary>
    /// Whether a message root in this namespace is accepted on input: any of ed3 to ed6, or no
    /// namespace at all, because some clients (asterisk-csp, for one) send un-namespaced XML.
    /// </summary>
    public static bool IsAcceptedOnInput(string namespaceUri) =>
        namespaceUri.Length == 0 || TryGetEdition(namespaceUri, out _);
}
