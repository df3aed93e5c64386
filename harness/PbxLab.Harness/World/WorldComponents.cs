using PbxLab.Core.Gateway;
using PbxLab.Simulators.Graph;
using PbxLab.Simulators.Pbx;

namespace PbxLab.Harness.World;

/// <summary>The running parts of one world. Disposal stops the core first, so its peers never vanish under it mid-case.</summary>
internal sealed class WorldComponents : IAsyncDisposable
{
    public FakeGraphServer? Graph { get; set; }

    public PbxSimulator? Pbx { get; set; }

    public GatewayHost? Gateway { get; set; }

    /// <summary>The core's client id, which is also the sessionId of its app presence session.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Temporary folder of the core's call-history database, deleted with the world.</summary>
    public string? HistoryFolder { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync().ConfigureAwait(false);
        }

        if (Pbx is not null)
        {
            await Pbx.DisposeAsync().ConfigureAwait(false);
        }

        if (Graph is not null)
        {
            await Graph.DisposeAsync().ConfigureAwait(false);
        }

        if (HistoryFolder is not null && Directory.Exists(HistoryFolder))
        {
            Directory.Delete(HistoryFolder, recursive: true);
        }
    }
}
