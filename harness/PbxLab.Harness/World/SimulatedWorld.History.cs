using PbxLab.Harness.Running;

namespace PbxLab.Harness.World;

// Observations of the call-history half of the core, read over its REST API.
internal sealed partial class SimulatedWorld
{
    public Task<IReadOnlyList<HistoryRecordObservation>> ObserveHistoryAsync(string userName, CancellationToken cancellationToken) =>
        _coreApi.GetHistoryAsync(RunningGateway().ApiBaseAddress, UserOf(userName).Email, cancellationToken);

    public Task<IReadOnlyList<SpeedDialObservation>> ObserveSpeedDialsAsync(string userName, CancellationToken cancellationToken) =>
        _coreApi.GetSpeedDialsAsync(RunningGateway().ApiBaseAddress, UserOf(userName).Email, cancellationToken);
}
