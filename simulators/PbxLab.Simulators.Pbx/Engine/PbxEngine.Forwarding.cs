namespace PbxLab.Simulators.Pbx.Engine;

// Call forwarding per device: immediate, on busy and on no answer.
public sealed partial class PbxEngine
{
    /// <summary>
    /// Switches one kind of forwarding on (to <paramref name="destination"/>, a directory number or the trunk
    /// access code and an external number) or off. <paramref name="noAnswerAfter"/> is the ring time before
    /// forward on no answer diverts. Null keeps the engine's no-answer timeout. Raises ForwardingChanged on a change.
    /// </summary>
    public void SetForwarding(string directoryNumber, PbxForwardingType type, string? destination, bool on, TimeSpan? noAnswerAfter = null)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown forwarding type.");
        }

        lock (_lock)
        {
            var device = Find(directoryNumber);
            if (!on)
            {
                if (device.Forwarding.Remove(type))
                {
                    Raise(new ForwardingChanged(directoryNumber, type, false, null, null));
                }

                return;
            }

            if (destination is null || destination == directoryNumber || !destination.All(IsDialDigit) || CalleeFor(destination) is null)
            {
                throw new PbxOperationException(
                    PbxFailure.InvalidForwarding,
                    $"Device {directoryNumber} cannot forward ({type}) to '{destination}': use another device's number, " +
                    $"or the trunk access code '{Profile.DialPlan.TrunkAccessCode}' and an external number.");
            }

            if (noAnswerAfter is { } after && (after <= TimeSpan.Zero || after > TimeSpan.FromMinutes(10)))
            {
                throw new PbxOperationException(
                    PbxFailure.InvalidForwarding,
                    $"Device {directoryNumber} cannot ring for {after} before forwarding: use more than 0 and at most 10 minutes.");
            }

            if (type == PbxForwardingType.NoAnswer)
            {
                device.NoAnswerForwardAfter = noAnswerAfter;
            }

            device.Forwarding[type] = destination;
            Raise(new ForwardingChanged(
                directoryNumber, type, true, destination, type == PbxForwardingType.NoAnswer ? noAnswerAfter ?? NoAnswerTimeout : null));
        }
    }

    /// <summary>Returns the forwarding destinations that are on, by type, and the ring time of forward on no answer.</summary>
    public (IReadOnlyDictionary<PbxForwardingType, string> Destinations, TimeSpan NoAnswerAfter) GetForwarding(string directoryNumber)
    {
        lock (_lock)
        {
            var device = Find(directoryNumber);
            return (new Dictionary<PbxForwardingType, string>(device.Forwarding), device.NoAnswerForwardAfter ?? NoAnswerTimeout);
        }
    }
}
