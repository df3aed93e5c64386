namespace PbxLab.Harness.Scenarios;

/// <summary>An external caller rings a user through the trunk. From is an E.164 number, or null for a withheld number.</summary>
public sealed record IncomingStep(SourceLocation Location, string? From, string To) : ScenarioStep(Location)
{
    public override string Kind => "incoming";

    public override string Describe() => $"incoming {From ?? "withheld"} -> {To}";
}

/// <summary>The external party of the user's call answers (an outgoing call to the trunk).</summary>
public sealed record ExternalAnswerStep(SourceLocation Location, string User) : ScenarioStep(Location)
{
    public override string Kind => "externalAnswer";

    public override string Describe() => $"externalAnswer {User}";
}

/// <summary>The external party of the user's call hangs up.</summary>
public sealed record ExternalHangupStep(SourceLocation Location, string User) : ScenarioStep(Location)
{
    public override string Kind => "externalHangup";

    public override string Describe() => $"externalHangup {User}";
}

/// <summary>The user refuses the call ringing at their device.</summary>
public sealed record RejectStep(SourceLocation Location, string User) : ScenarioStep(Location)
{
    public override string Kind => "reject";

    public override string Describe() => $"reject {User}";
}

/// <summary>The user puts their answered call on hold.</summary>
public sealed record HoldStep(SourceLocation Location, string User) : ScenarioStep(Location)
{
    public override string Kind => "hold";

    public override string Describe() => $"hold {User}";
}

/// <summary>The user takes their held call off hold.</summary>
public sealed record RetrieveStep(SourceLocation Location, string User) : ScenarioStep(Location)
{
    public override string Kind => "retrieve";

    public override string Describe() => $"retrieve {User}";
}

/// <summary>The user puts their call on hold and places a consultation call to To, a user name or dialled digits.</summary>
public sealed record ConsultStep(SourceLocation Location, string User, string To, bool ToIsUser) : ScenarioStep(Location)
{
    public override string Kind => "consult";

    public override string Describe() => $"consult {User} -> {To}";
}

/// <summary>The user joins their held and consultation calls and leaves (consultation transfer).</summary>
public sealed record TransferStep(SourceLocation Location, string User) : ScenarioStep(Location)
{
    public override string Kind => "transfer";

    public override string Describe() => $"transfer {User}";
}

/// <summary>The user moves their answered call to To without consulting (single-step transfer).</summary>
public sealed record BlindTransferStep(SourceLocation Location, string User, string To, bool ToIsUser) : ScenarioStep(Location)
{
    public override string Kind => "blindTransfer";

    public override string Describe() => $"blindTransfer {User} -> {To}";
}

/// <summary>The user joins their held and consultation calls into a three-party conference.</summary>
public sealed record ConferenceStep(SourceLocation Location, string User) : ScenarioStep(Location)
{
    public override string Kind => "conference";

    public override string Describe() => $"conference {User}";
}

/// <summary>The user answers the call ringing at another user's device (directed pickup).</summary>
public sealed record PickupStep(SourceLocation Location, string User, string Ringing) : ScenarioStep(Location)
{
    public override string Kind => "pickup";

    public override string Describe() => $"pickup {User} <- {Ringing}";
}

/// <summary>Kinds of call forwarding a device can switch on (ECMA-269 forwardingType).</summary>
public enum ForwardingKind
{
    /// <summary>Every call is diverted at once.</summary>
    Immediate,

    /// <summary>Calls are diverted when the device is busy.</summary>
    Busy,

    /// <summary>Calls are diverted after they rang unanswered for a while.</summary>
    NoAnswer,
}

/// <summary>
/// Switches call forwarding of a kind on, to To (a user name or dialled digits). After is how long a
/// call rings before a no-answer forward; null leaves the PBX's default.
/// </summary>
public sealed record ForwardStep(SourceLocation Location, string User, ForwardingKind Type, string To, bool ToIsUser, TimeSpan? After)
    : ScenarioStep(Location)
{
    public override string Kind => "forward";

    public override string Describe() =>
        $"forward {User} {ScenarioText.Camel(Type)} -> {To}" + (After is { } after ? $" after {DurationText.Format(after)}" : "");
}

/// <summary>Switches call forwarding of a kind off.</summary>
public sealed record ForwardOffStep(SourceLocation Location, string User, ForwardingKind Type) : ScenarioStep(Location)
{
    public override string Kind => "forwardOff";

    public override string Describe() => $"forwardOff {User} {ScenarioText.Camel(Type)}";
}
