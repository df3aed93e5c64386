using PbxLab.Simulators.Graph.Teams;

namespace PbxLab.Simulators.Tests.Graph;

public class PresencePairsTests
{
    [Theory]
    [InlineData("Available", "Available")]
    [InlineData("busy", "inacall")]
    [InlineData("BUSY", "InAConferenceCall")]
    [InlineData("Away", "Away")]
    [InlineData("doNotDisturb", "presenting")]
    public void SetPresence_accepts_the_five_pairs(string availability, string activity)
    {
        var pair = PresencePairs.FindSetPresencePair(availability, activity);

        Assert.NotNull(pair);
        Assert.Equal(availability, pair.Availability, ignoreCase: true);
    }

    [Theory]
    [InlineData("Busy", "Busy")]
    [InlineData("Available", "InACall")]
    [InlineData("DoNotDisturb", "DoNotDisturb")]
    [InlineData("BeRightBack", "BeRightBack")]
    [InlineData("Offline", "OffWork")]
    public void SetPresence_rejects_other_pairs(string availability, string activity)
    {
        Assert.Null(PresencePairs.FindSetPresencePair(availability, activity));
    }

    [Theory]
    [InlineData("Available", "Available")]
    [InlineData("busy", "busy")]
    [InlineData("DoNotDisturb", "DoNotDisturb")]
    [InlineData("BeRightBack", "BeRightBack")]
    [InlineData("Away", "Away")]
    [InlineData("offline", "offwork")]
    public void Preferred_accepts_the_six_pairs(string availability, string activity)
    {
        Assert.NotNull(PresencePairs.FindPreferredPresencePair(availability, activity));
    }

    [Fact]
    public void Pairs_come_back_in_pascal_case()
    {
        Assert.Equal(new PresenceView("DoNotDisturb", "Presenting"), PresencePairs.FindSetPresencePair("donotdisturb", "PRESENTING"));
        Assert.Equal(new PresenceView("Offline", "OffWork"), PresencePairs.FindPreferredPresencePair("OFFLINE", "offwork"));
        Assert.Null(PresencePairs.FindPreferredPresencePair("Busy", "InACall"));
    }
}
