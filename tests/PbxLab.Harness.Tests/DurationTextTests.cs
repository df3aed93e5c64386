using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

public class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("5s", 5_000)]
    [InlineData("0s", 0)]
    [InlineData("30m", 1_800_000)]
    [InlineData("30 min", 1_800_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h 30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("PT5M", 300_000)]
    [InlineData("PT1H30M", 5_400_000)]
    [InlineData(" 2s ", 2_000)]
    public void Parses_accepted_forms(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 minutes")]
    [InlineData("-5s")]
    [InlineData("five s")]
    [InlineData("PT")]
    [InlineData("P-1D")]
    [InlineData("5s garbage")]
    public void Rejects_other_text(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(250, "250ms")]
    [InlineData(5_250, "5s250ms")]
    [InlineData(90_000, "1m30s")]
    [InlineData(7_200_000, "2h")]
    [InlineData(90_000_000, "25h")]
    public void Formats_shortest_form(long milliseconds, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
