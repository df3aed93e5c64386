using BenchmarkDotNet.Attributes;
using PbxLab.Core.Links;
using PbxLab.Core.Presence;
using PbxLab.Csta;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Benchmarks;

/// <summary>
/// The core's path from a framed CSTA event to a Graph presence write: read the frame, decode the
/// XML, update the device's line state, map it to CloudLink presence and to the Graph write.
/// Each operation handles one event; events alternate between DeliveredEvent (the line starts
/// ringing) and ConnectionClearedEvent (it is free again), so every event changes the state.
/// </summary>
[MemoryDiagnoser]
public class PresenceUpdateBenchmarks
{
    private const string Device = "333";
    private const string MonitorCrossRefId = "18";

    private readonly CstaXmlCodec _codec = new(CstaEdition.Ed5);
    private LineStateTracker _tracker = null!;
    private byte[] _deliveredFrame = null!;
    private byte[] _clearedFrame = null!;
    private DeliveredEvent _delivered = null!;
    private ConnectionClearedEvent _cleared = null!;

    [GlobalSetup]
    public void Setup()
    {
        _delivered = Samples.Delivered(MonitorCrossRefId, "000000000032214180010035", Device);
        _cleared = Samples.Cleared(MonitorCrossRefId, "000000000032214180010035", Device);
        _deliveredFrame = CstaFrameWriter.Write(1, _codec.Encode(_delivered));
        _clearedFrame = CstaFrameWriter.Write(2, _codec.Encode(_cleared));

        _tracker = new LineStateTracker([Device]);
        _tracker.AddMonitor(MonitorCrossRefId, Device);
        _tracker.ApplyResync(Device, null, null);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 2, Description = "update presence (decoded event)")]
    public GraphPresenceWrite? UpdateOnly()
    {
        Update(_delivered);
        return Update(_cleared);
    }

    [Benchmark(OperationsPerInvoke = 2, Description = "decode DeliveredEvent frame + update presence")]
    public GraphPresenceWrite? DecodeAndUpdate()
    {
        Update(_codec.Decode(CstaFrameReader.Read(_deliveredFrame).Frame!.Body.Span));
        return Update(_codec.Decode(CstaFrameReader.Read(_clearedFrame).Frame!.Body.Span));
    }

    private GraphPresenceWrite? Update(CstaMessage message)
    {
        GraphPresenceWrite? write = null;
        foreach (var change in _tracker.Apply((CstaEvent)message))
        {
            if (change.LineState is { } lineState)
            {
                write = PresenceRules.ToGraphWrite(PresenceRules.FromLineState(lineState));
            }
        }

        return write;
    }
}
