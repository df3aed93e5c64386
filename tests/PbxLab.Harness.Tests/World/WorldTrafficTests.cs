using System.Net;
using PbxLab.Core.Links;
using PbxLab.Harness.World;
using PbxLab.Simulators.Pbx;

namespace PbxLab.Harness.Tests.World;

public class WorldTrafficTests
{
    private static readonly IPEndPoint Client = new(IPAddress.Loopback, 50123);
    private static readonly IPEndPoint OtherClient = new(IPAddress.Loopback, 50124);

    [Fact]
    public void InFlight_counts_unhandled_messages()
    {
        var traffic = new WorldTraffic();

        var inFlight = traffic.InFlight([new CstaConnectionTraffic(Client, 10, 2)], [new LinkTraffic(Client, 7)]);

        Assert.Equal(5, inFlight);
    }

    [Fact]
    public void InFlight_pairs_mapped_IPv6_addresses()
    {
        var traffic = new WorldTraffic();
        var mapped = new IPEndPoint(IPAddress.Loopback.MapToIPv6(), Client.Port);

        var inFlight = traffic.InFlight(
            [new CstaConnectionTraffic(mapped, 4, 0), new CstaConnectionTraffic(OtherClient, 9, 0)],
            [new LinkTraffic(Client, 3)]);

        Assert.Equal(1, inFlight);
    }

    [Fact]
    public void InFlight_ignores_unpaired_connections()
    {
        var traffic = new WorldTraffic();

        Assert.Equal(0, traffic.InFlight([new CstaConnectionTraffic(OtherClient, 9, 1)], [new LinkTraffic(Client, 0)]));
    }

    [Fact]
    public void GiveUp_heals_after_late_arrival()
    {
        var traffic = new WorldTraffic();
        traffic.GiveUp([new CstaConnectionTraffic(Client, 10, 0)], [new LinkTraffic(Client, 8)]);

        Assert.Equal(0, traffic.InFlight([new CstaConnectionTraffic(Client, 10, 0)], [new LinkTraffic(Client, 8)]));

        // One of the two arrives after all; a later message must still count as in flight.
        Assert.Equal(0, traffic.InFlight([new CstaConnectionTraffic(Client, 10, 0)], [new LinkTraffic(Client, 9)]));
        Assert.Equal(1, traffic.InFlight([new CstaConnectionTraffic(Client, 11, 0)], [new LinkTraffic(Client, 9)]));
    }
}
