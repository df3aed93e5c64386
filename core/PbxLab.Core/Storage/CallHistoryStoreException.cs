namespace PbxLab.Core.Storage;

/// <summary>
/// Thrown when the call-history store cannot be opened, migrated or read. The message names the file
/// or server and what to do; it never contains a password.
/// </summary>
public sealed class CallHistoryStoreException : Exception
{
    public CallHistoryStoreException(string message)
        : base(message)
    {
    }

    public CallHistoryStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
