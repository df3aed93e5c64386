namespace PbxLab.Core.Links;

/// <summary>A client link to one PBX that monitors devices and reports to an <see cref="IPbxLinkSink"/>.</summary>
public interface IPbxLink : IAsyncDisposable
{
    string Name { get; }

    PbxLinkPhase Phase { get; }

    /// <summary>Starts connecting in the background; reconnects on its own until disposed.</summary>
    Task StartAsync(CancellationToken cancellationToken);
}
