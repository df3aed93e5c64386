namespace PbxLab.Csta;

/// <summary>A message cannot be put on the wire, for example because its frame would exceed 65,535 bytes.</summary>
public sealed class CstaEncodeException : Exception
{
    public CstaEncodeException(string message)
        : base(message)
    {
    }
}
