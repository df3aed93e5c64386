using BenchmarkDotNet.Attributes;
using PbxLab.Csta;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Benchmarks;

/// <summary>Reading a framed DeliveredEvent off the wire, decoding its XML with either parser, and encoding it again.</summary>
[MemoryDiagnoser]
public class CstaCodecBenchmarks
{
    private readonly CstaXmlCodec _codec = new(CstaEdition.Ed5);
    private readonly CstaXmlCodec _referenceCodec = new(CstaEdition.Ed5, CstaXmlParser.XmlReader);
    private DeliveredEvent _event = null!;
    private byte[] _frame = null!;

    [GlobalSetup]
    public void Setup()
    {
        _event = Samples.Delivered("18", "000000000032214180010035", "333");
        _frame = CstaFrameWriter.Write(1, _codec.Encode(_event));
    }

    [Benchmark(Baseline = true, Description = "read frame header")]
    public int ReadFrame() => CstaFrameReader.Read(_frame).BytesConsumed;

    [Benchmark(Description = "read frame + decode DeliveredEvent")]
    public CstaMessage ReadAndDecode() => _codec.Decode(CstaFrameReader.Read(_frame).Frame!.Body.Span);

    [Benchmark(Description = "read frame + decode DeliveredEvent (XmlReader reference)")]
    public CstaMessage ReadAndDecodeWithXmlReader() => _referenceCodec.Decode(CstaFrameReader.Read(_frame).Frame!.Body.Span);

    [Benchmark(Description = "encode DeliveredEvent + write frame")]
    public byte[] EncodeAndWrite() => CstaFrameWriter.Write(1, _codec.Encode(_event));
}
