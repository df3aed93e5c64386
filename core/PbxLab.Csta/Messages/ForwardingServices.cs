namespace PbxLab.Csta.Messages;

/// <summary>ECMA-323 ForwardingType. The wire text is the member name with a lower-case first letter.</summary>
public enum ForwardingType
{
    ForwardImmediate,
    ForwardBusy,
    ForwardNoAns,
    ForwardDND,
    ForwardBusyInt,
    ForwardBusyExt,
    ForwardNoAnsInt,
    ForwardNoAnsExt,
    ForwardImmInt,
    ForwardImmExt,
    ForwardDNDInt,
}

/// <summary>
/// Switches one kind of forwarding on or off. <see cref="RingDuration"/> (seconds, an ed6 element)
/// is how long a call rings before forwardNoAns diverts it.
/// </summary>
public sealed record SetForwarding(
    string Device, ForwardingType ForwardingType, bool ActivateForward, string? ForwardDN, int? RingCount = null, int? RingDuration = null)
    : CstaRequest;

public sealed record SetForwardingResponse : CstaResponse;

public sealed record GetForwarding(string Device) : CstaRequest;

/// <summary>One entry of a GetForwardingResponse <c>forwardingList</c>.</summary>
public sealed record ForwardListItem(ForwardingType ForwardingType, bool ForwardStatus, string? ForwardDN);

public sealed record GetForwardingResponse(IReadOnlyList<ForwardListItem> ForwardingList, int? RingCount = null, int? RingDuration = null)
    : CstaResponse
{
    public bool Equals(GetForwardingResponse? other) =>
        other is not null
        && ForwardingList.SequenceEqual(other.ForwardingList)
        && RingCount == other.RingCount
        && RingDuration == other.RingDuration;

    public override int GetHashCode() => HashCode.Combine(ForwardingList.Count, RingCount, RingDuration);
}

/// <summary>A kind of forwarding of <see cref="Device"/> was switched on or off.</summary>
public sealed record ForwardingEvent(
    string MonitorCrossRefId,
    string Device,
    ForwardingType ForwardingType,
    bool ForwardStatus,
    string? ForwardTo,
    int? RingCount = null,
    int? RingDuration = null) : CstaEvent(MonitorCrossRefId);
