using YamlDotNet.Core;

namespace PbxLab.Harness.Scenarios;

/// <summary>
/// Order of core steps within one case (setup, then the case's steps): coreStart only when the core
/// is stopped, coreStop and coreRestart only when it runs, and no expectation while it is stopped,
/// because expectations read the core's state. PBX and Graph steps and advance may run while it is
/// stopped, and a case may end with the core stopped.
/// </summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] StepsNeedingCore = ["expect", "expectDiagnostic", "expectHistory", "expectSpeedDials"];

    // Line of the coreStop that stopped the core at the step being read, null while it runs.
    private int? _coreStoppedAt;

    // The core's state at the end of setup, where every case starts.
    private int? _setupCoreStoppedAt;

    private void CheckCoreOrder(string kind, Mark mark, string path)
    {
        switch (kind)
        {
            case "coreStop" when _coreStoppedAt is { } line:
                Error(mark, $"{path}: the core is already stopped here (coreStop at line {line}). Remove this coreStop or add coreStart before it.");
                break;
            case "coreStop":
                _coreStoppedAt = (int)mark.Line;
                break;
            case "coreStart" when _coreStoppedAt is null:
                Error(mark, $"{path}: the core is already running here. Add coreStop before it, or use coreRestart to stop and start the core in one step.");
                break;
            case "coreStart":
                _coreStoppedAt = null;
                break;
            case "coreRestart" when _coreStoppedAt is { } line:
                Error(mark, $"{path}: the core is stopped here (coreStop at line {line}), so it cannot restart. Use coreStart instead.");
                _coreStoppedAt = null;
                break;
            case var _ when StepsNeedingCore.Contains(kind) && _coreStoppedAt is { } line:
                Error(mark, $"{path}: the core is stopped here (coreStop at line {line}). Add coreStart before it.");
                break;
        }
    }
}
