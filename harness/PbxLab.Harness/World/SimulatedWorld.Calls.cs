using PbxLab.Harness.Scenarios;
using PbxLab.Simulators.Pbx.Engine;

namespace PbxLab.Harness.World;

// The call features of the PBX simulator that the call-history scenarios drive.
internal sealed partial class SimulatedWorld
{
    /// <summary>Performs a call-feature step; returns false for a step that is not one.</summary>
    private bool PerformCallFeature(ScenarioStep step)
    {
        var pbx = _components.Pbx!;
        switch (step)
        {
            case IncomingStep incoming:
                pbx.IncomingExternalCall(incoming.From ?? PbxNumbers.Restricted, DeviceOf(incoming.To));
                return true;

            case ExternalAnswerStep answer:
                pbx.AnswerExternal(ExternalCallOf(answer.User, answer.Kind));
                return true;

            case ExternalHangupStep hangup:
                pbx.HangupExternal(ExternalCallOf(hangup.User, hangup.Kind));
                return true;

            case RejectStep reject:
                pbx.Reject(DeviceOf(reject.User));
                return true;

            case HoldStep hold:
                pbx.Hold(DeviceOf(hold.User));
                return true;

            case RetrieveStep retrieve:
                pbx.Retrieve(DeviceOf(retrieve.User));
                return true;

            case ConsultStep consult:
                pbx.Consult(DeviceOf(consult.User), NumberOf(consult.To, consult.ToIsUser));
                return true;

            case TransferStep transfer:
                pbx.Transfer(DeviceOf(transfer.User));
                return true;

            case BlindTransferStep blind:
                pbx.SingleStepTransfer(DeviceOf(blind.User), NumberOf(blind.To, blind.ToIsUser));
                return true;

            case ConferenceStep conference:
                pbx.Conference(DeviceOf(conference.User));
                return true;

            case PickupStep pickup:
                pbx.Pickup(DeviceOf(pickup.User), DeviceOf(pickup.Ringing));
                return true;

            case ForwardStep forward:
                pbx.SetForwarding(DeviceOf(forward.User), ToPbx(forward.Type), NumberOf(forward.To, forward.ToIsUser), on: true, forward.After);
                return true;

            case ForwardOffStep forwardOff:
                pbx.SetForwarding(DeviceOf(forwardOff.User), ToPbx(forwardOff.Type), destination: null, on: false);
                return true;

            default:
                return false;
        }
    }

    private string NumberOf(string target, bool isUser) => isUser ? DeviceOf(target) : target;

    /// <summary>
    /// The call of the user's device that has an external party: the active one when the user also
    /// holds one (a consultation), so the step acts on the call the user is talking on.
    /// </summary>
    private string ExternalCallOf(string userName, string stepKind)
    {
        var calls = _components.Pbx!.GetDevice(DeviceOf(userName)).Calls.Where(call => call.IsExternal).ToList();
        var call = calls.FirstOrDefault(candidate => candidate.LocalState != ConnectionState.Hold) ?? calls.FirstOrDefault();
        return call?.CallId ?? throw new InvalidOperationException(
            $"{userName} has no call with an external party now, so there is nobody for {stepKind} to act on. "
            + "Place one first with 'call' to an external number or 'incoming'. A call nobody answers is cleared after the PBX's "
            + $"no-answer timeout of {_components.Pbx!.Engine.NoAnswerTimeout.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} s, so an earlier advance may have ended it.");
    }

    private static PbxForwardingType ToPbx(ForwardingKind kind) => kind switch
    {
        ForwardingKind.Immediate => PbxForwardingType.Immediate,
        ForwardingKind.Busy => PbxForwardingType.Busy,
        ForwardingKind.NoAnswer => PbxForwardingType.NoAnswer,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown forwarding kind."),
    };
}
