namespace PbxLab.Csta.Messages;

/// <summary>
/// PBX user presence of a MiVoice Office 400 user. The numbers are the presence-profile numbers
/// of the Aastra 400 system manual (R3.2): Available 0, Absent 1, Meeting 2, Busy 3, Not available 4.
/// The wire text is the member name with a lower-case first letter (notAvailable).
/// </summary>
public enum Mivo400UserPresence
{
    Available = 0,
    Absent = 1,
    Meeting = 2,
    Busy = 3,
    NotAvailable = 4,
}

/// <summary>The <c>UserPresence</c> private-data element: whose presence, and which.</summary>
public sealed record Mivo400UserPresenceData(string Device, Mivo400UserPresence Presence);

/// <summary>
/// A change of a MiVoice Office 400 user's presence, on a monitored device.
/// </summary>
/// <remarks>
/// NOTE: no public trace shows how a MiVoice Office 400 sends user presence over CSTA, so this
/// wire form is a PbxLab assumption: an ECMA-323 <c>PrivateEvent</c> in the edition's namespace,
/// <code>
/// &lt;PrivateEvent&gt;
///   &lt;monitorCrossRefID&gt;12&lt;/monitorCrossRefID&gt;
///   &lt;extensions&gt;&lt;privateData&gt;&lt;private&gt;
///     &lt;UserPresence xmlns="urn:pbxlab:mivo400:user-presence"&gt;
///       &lt;device&gt;201&lt;/device&gt;
///       &lt;presence profile="1"&gt;absent&lt;/presence&gt;
///     &lt;/UserPresence&gt;
///   &lt;/private&gt;&lt;/privateData&gt;&lt;/extensions&gt;
/// &lt;/PrivateEvent&gt;
/// </code>
/// where <c>presence</c> is available, absent, meeting, busy or notAvailable and the optional
/// <c>profile</c> attribute repeats it as the profile number 0 to 4. The same <c>UserPresence</c>
/// element may appear in a SnapshotDeviceResponse's <c>extensions/privateData/private</c>.
/// </remarks>
public sealed record UserPresenceEvent(string MonitorCrossRefId, string Device, Mivo400UserPresence Presence) : CstaEvent(MonitorCrossRefId);
