using DotNetty.Transport.Channels;

namespace PbxLab.Csta.Channels;

/// <summary>Shuts a DotNetty event loop group down without letting a stuck executor block the caller.</summary>
public static class EventLoopShutdown
{
    /// <summary>Real time the caller waits for the group beyond DotNetty's own shutdown timeout.</summary>
    public static readonly TimeSpan ExtraWait = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Starts a graceful shutdown with no quiet period and waits for it, at most the shutdown
    /// timeout plus <see cref="ExtraWait"/> of real time. Returns false when the group has not
    /// terminated by then.
    /// </summary>
    /// <remarks>
    /// NOTE: DotNetty 0.7.6 executors were seen busy-looping in ConfirmShutdown after their
    /// timeout had passed, so the termination task never completed and a disposing server or
    /// link hung with them. The cause in DotNetty is not known; this bound keeps our callers going.
    /// </remarks>
    public static async Task<bool> ShutdownAsync(IEventLoopGroup group, TimeSpan shutdownTimeout)
    {
        ArgumentNullException.ThrowIfNull(group);
        var shutdown = group.ShutdownGracefullyAsync(TimeSpan.Zero, shutdownTimeout);
        var finished = await Task.WhenAny(shutdown, Task.Delay(shutdownTimeout + ExtraWait, TimeProvider.System)).ConfigureAwait(false);
        if (finished == shutdown)
        {
            await shutdown.ConfigureAwait(false);
            return true;
        }

        return false;
    }
}
