namespace PbxLab.Core.Tests.TestSupport;

/// <summary>Waits in real time for something that happens on another thread.</summary>
public static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Polls until the condition holds; fails with <paramref name="what"/> after five seconds.</summary>
    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {Timeout.TotalSeconds} s waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Gives background work a moment, for asserting that something did not happen.</summary>
    public static Task SettleAsync() => Task.Delay(200);
}
