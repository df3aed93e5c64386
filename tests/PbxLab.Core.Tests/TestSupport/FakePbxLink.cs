using PbxLab.Core.Links;

namespace PbxLab.Core.Tests.TestSupport;

/// <summary>A PBX link double: it records the options it was built with and lets a test drive the sink.</summary>
public sealed class FakePbxLink(PbxLinkOptions options, IPbxLinkSink sink) : IPbxLink
{
    public PbxLinkOptions Options { get; } = options;

    public IPbxLinkSink Sink { get; } = sink;

    public string Name => Options.Name;

    public PbxLinkPhase Phase { get; set; } = PbxLinkPhase.Connecting;

    public bool Started { get; private set; }

    public bool Disposed { get; private set; }

    /// <summary>When set, the link reports Disconnected once its start token is cancelled, as CstaPbxLink does.</summary>
    public bool DisconnectWhenStopped { get; init; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Started = true;
        if (DisconnectWhenStopped)
        {
            cancellationToken.Register(() => Sink.OnLinkPhaseChanged(Name, PbxLinkPhase.Disconnected, "The link was stopped."));
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
