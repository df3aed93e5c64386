namespace PbxLab.Core.Diagnostics;

/// <summary>
/// One problem the gateway reports. Repeats of the same kind for the same user, device and link are
/// folded into one entry: <see cref="Count"/> counts them and <see cref="LastSeen"/> and
/// <see cref="Reason"/> are those of the latest.
/// </summary>
/// <param name="Email">Email of the CloudLink user concerned, if any.</param>
/// <param name="Device">Directory number of the PBX device concerned, if any.</param>
/// <param name="Link">Name of the PBX link concerned, if any.</param>
/// <param name="Reason">What went wrong and what to do about it.</param>
/// <param name="Code">Machine-readable detail: an AADSTS code, a CSTAErrorCode value, a Graph status.</param>
public sealed record DiagnosticEntry(
    DiagnosticKind Kind,
    string? Email,
    string? Device,
    string? Link,
    string Reason,
    string? Code,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Count);
