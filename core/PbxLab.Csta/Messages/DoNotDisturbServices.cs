namespace PbxLab.Csta.Messages;

public sealed record SetDoNotDisturb(string Device, bool DoNotDisturbOn) : CstaRequest;

public sealed record SetDoNotDisturbResponse : CstaResponse;

public sealed record GetDoNotDisturb(string Device) : CstaRequest;

public sealed record GetDoNotDisturbResponse(bool DoNotDisturbOn) : CstaResponse;
