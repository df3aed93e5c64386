namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>An action the PBX cannot perform in its current state; the message names the device and the state.</summary>
public sealed class PbxOperationException : InvalidOperationException
{
    public PbxOperationException(PbxFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    public PbxFailure Failure { get; }
}
