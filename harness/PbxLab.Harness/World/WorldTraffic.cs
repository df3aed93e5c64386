using System.Net;
using PbxLab.Core.Links;
using PbxLab.Simulators.Pbx;

namespace PbxLab.Harness.World;

/// <summary>
/// Counts the CSTA messages the PBX simulator has sent, or queued, that the core has not handled
/// yet, by pairing each simulator connection with the core link whose local end it is connected
/// to. Messages that never arrive (the encoder refused one, or a fault dropped it) would keep the
/// count up for ever, so a deficit the world has given up waiting for is remembered as lost.
/// </summary>
internal sealed class WorldTraffic
{
    private readonly Dictionary<string, long> _lost = new(StringComparer.Ordinal);

    /// <summary>Messages in flight from the PBX to the core, not counting those given up as lost.</summary>
    public long InFlight(IReadOnlyList<CstaConnectionTraffic> pbx, IReadOnlyList<LinkTraffic> core)
    {
        long inFlight = 0;
        foreach (var (key, deficit) in Deficits(pbx, core))
        {
            // A message given up on that arrives after all lowers the count of the lost ones.
            var lost = _lost.GetValueOrDefault(key);
            if (deficit < lost)
            {
                _lost[key] = lost = deficit;
            }

            inFlight += Math.Max(0, deficit - lost);
        }

        return inFlight;
    }

    /// <summary>Takes every current deficit as lost, after the world waited long enough for it.</summary>
    public void GiveUp(IReadOnlyList<CstaConnectionTraffic> pbx, IReadOnlyList<LinkTraffic> core)
    {
        foreach (var (key, deficit) in Deficits(pbx, core))
        {
            _lost[key] = deficit;
        }
    }

    private static IEnumerable<(string Key, long Deficit)> Deficits(IReadOnlyList<CstaConnectionTraffic> pbx, IReadOnlyList<LinkTraffic> core)
    {
        foreach (var link in core)
        {
            if (Key(link.LocalEndPoint) is not { } key)
            {
                continue;
            }

            var connection = pbx.FirstOrDefault(candidate => Key(candidate.RemoteEndPoint) == key);
            if (connection is not null)
            {
                yield return (key, connection.MessagesSent + connection.PendingWrites - link.MessagesHandled);
            }
        }
    }

    // IPv4 addresses may show up mapped into IPv6 on one side, so both ends compare as IPv4 and port.
    private static string? Key(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint ip => $"{(ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address)}:{ip.Port}",
        null => null,
        _ => endPoint.ToString(),
    };
}
