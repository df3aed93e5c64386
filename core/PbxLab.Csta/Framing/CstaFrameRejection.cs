namespace PbxLab.Csta.Framing;

/// <summary>Why a frame was rejected; <see cref="Message"/> names the offending value.</summary>
public sealed record CstaFrameRejection(CstaRejectReason Reason, string Message);
