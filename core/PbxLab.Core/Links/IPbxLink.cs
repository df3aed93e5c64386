namespace PbxLab.Core.Links;

/// <summary>A client link to one PBX that monitors devices and reports to an <see cref="IPbxLinkSink"/>.</summary>
public interface IPbxLink : IAsyncDisposable
{
    string Name { get; }

    PbxLinkPhase Phase { get; }

    /// <summary>
    /// Requests sent to the PBX that have no response yet. A health check reads it, and so does a
    /// test that moves a fake clock, which must not pass a request's timeout while its response is
    /// still being read.
    /// </summary>
    int PendingRequestCount => 0;

    /// <summary>Starts connecting in the background; reconnects on its own until disposed.</summary>
    Task StartAsync(CancellationToken cancellationToken);
}
