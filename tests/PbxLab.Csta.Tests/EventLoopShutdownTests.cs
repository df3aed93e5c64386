using DotNetty.Transport.Channels;
using PbxLab.Csta.Channels;

namespace PbxLab.Csta.Tests;

public class EventLoopShutdownTests
{
    [Fact]
    public async Task Idle_group_terminates()
    {
        var group = new MultithreadEventLoopGroup(1);
        await group.GetNext().SubmitAsync(() => 0);

        var terminated = await EventLoopShutdown.ShutdownAsync(group, TimeSpan.FromSeconds(1));

        Assert.True(terminated);
        Assert.True(group.TerminationCompletion.IsCompleted);
    }
}
