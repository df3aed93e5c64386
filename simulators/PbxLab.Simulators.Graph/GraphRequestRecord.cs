namespace PbxLab.Simulators.Graph;

/// <summary>
/// One HTTP request the fake served: the request, the response status and when it arrived (by the
/// injected clock), so a test can check for example that a client waited Retry-After.
/// </summary>
public sealed record GraphRequestRecord(
    string Method,
    string Path,
    string Query,
    int Status,
    DateTimeOffset ReceivedAt,
    string RequestId,
    string? ClientRequestId,
    string? ErrorCode);
