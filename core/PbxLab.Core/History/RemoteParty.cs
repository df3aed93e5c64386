namespace PbxLab.Core.History;

/// <summary>The other party of a call after normalisation and name matching.</summary>
/// <param name="E164">The number in E.164, or null when it cannot be normalised.</param>
/// <param name="Name">The matched name, or null (no match, withheld, or ambiguous).</param>
/// <param name="Candidates">For an ambiguous number, the names it matched; empty otherwise.</param>
public sealed record RemoteParty(string? E164, string? Name, RemoteNameSource Source, IReadOnlyList<string> Candidates)
{
    public static RemoteParty Unknown { get; } = new(null, null, RemoteNameSource.None, []);
}

/// <summary>Normalises a remote number and finds its name for one monitored user.</summary>
public interface IRemotePartyResolver
{
    /// <param name="userEmail">The monitored user, whose personal contacts are searched.</param>
    /// <param name="link">The PBX link, whose profile gives the region and dial plan.</param>
    /// <param name="presentedNumber">The number as the PBX presented it.</param>
    /// <param name="isInternal">Whether the number is a device of that PBX.</param>
    RemoteParty Resolve(string userEmail, string link, string presentedNumber, bool isInternal);
}
