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

    /// <summary>
    /// The current connection's local address and the number of messages the link has read and
    /// handled on it, or null while not connected. A test that moves a fake clock compares it with
    /// what the PBX sent, to know that every event was handled at the time it was sent.
    /// </summary>
    LinkTraffic? Traffic => null;

    /// <summary>Starts connecting in the background; reconnects on its own until disposed.</summary>
    Task StartAsync(CancellationToken cancellationToken);
}

/// <summary>Messages a link has read and handled on its current connection, whose local end is LocalEndPoint.</summary>
public sealed record LinkTraffic(System.Net.EndPoint? LocalEndPoint, long MessagesHandled);
