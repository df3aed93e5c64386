using CsCheck;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Tests.Presence;

public sealed class PresenceRulesTests
{
    private static readonly Gen<LineState[]> LineStatesGen = Gen.Enum<LineState>().Array[1, 6];

    private static readonly Gen<PbxUserPresence?> UserPresenceGen =
        Gen.Select(Gen.Bool, Gen.Enum<PbxUserPresence>(), (known, presence) => known ? presence : (PbxUserPresence?)null);

    public static TheoryData<LineState, CloudLinkPresence> LineStateMappings => new()
    {
        { LineState.Available, CloudLinkPresence.Available },
        { LineState.Busy, CloudLinkPresence.Busy },
        { LineState.DoNotDisturb, CloudLinkPresence.DoNotDisturb },
        { LineState.Offline, CloudLinkPresence.Offline },
    };

    public static TheoryData<PbxUserPresence, CloudLinkPresence> UserPresenceMappings => new()
    {
        { PbxUserPresence.Available, CloudLinkPresence.Available },
        { PbxUserPresence.Absent, CloudLinkPresence.Away },
        { PbxUserPresence.Busy, CloudLinkPresence.Busy },
        { PbxUserPresence.Meeting, CloudLinkPresence.Busy },
        { PbxUserPresence.NotAvailable, CloudLinkPresence.DoNotDisturb },
    };

    public static TheoryData<CloudLinkPresence, string?, string?> GraphWrites => new()
    {
        { CloudLinkPresence.Busy, "Busy", "InACall" },
        { CloudLinkPresence.DoNotDisturb, "DoNotDisturb", "Presenting" },
        { CloudLinkPresence.Away, "Away", "Away" },
        { CloudLinkPresence.Available, null, null },
        { CloudLinkPresence.Offline, null, null },
        { CloudLinkPresence.Unknown, null, null },
    };

    [Theory]
    [MemberData(nameof(LineStateMappings))]
    public void Line_state_maps_to_presence(LineState lineState, CloudLinkPresence expected)
    {
        Assert.Equal(expected, PresenceRules.FromLineState(lineState));
    }

    [Theory]
    [MemberData(nameof(UserPresenceMappings))]
    public void User_presence_maps_to_presence(PbxUserPresence userPresence, CloudLinkPresence expected)
    {
        Assert.Equal(expected, PresenceRules.FromUserPresence(userPresence));
    }

    [Theory]
    [InlineData(CloudLinkPresence.Away)]
    [InlineData(CloudLinkPresence.Busy)]
    [InlineData(CloudLinkPresence.Offline)]
    public void Not_available_follows_configured_mapping(CloudLinkPresence configured)
    {
        Assert.Equal(configured, PresenceRules.FromUserPresence(PbxUserPresence.NotAvailable, configured));
        Assert.Equal(
            PresenceRules.Max(CloudLinkPresence.Available, configured),
            PresenceRules.Combine([LineState.Available], PbxUserPresence.NotAvailable, configured));
    }

    [Theory]
    [MemberData(nameof(GraphWrites))]
    public void Presence_maps_to_graph_write(CloudLinkPresence presence, string? availability, string? activity)
    {
        var write = PresenceRules.ToGraphWrite(presence);

        Assert.Equal(availability, write.Availability);
        Assert.Equal(activity, write.Activity);
        Assert.Equal(availability is null, write.IsClear);
    }

    [Fact]
    public void Precedence_orders_every_pair()
    {
        CloudLinkPresence[] descending =
        [
            CloudLinkPresence.Away,
            CloudLinkPresence.DoNotDisturb,
            CloudLinkPresence.Busy,
            CloudLinkPresence.Available,
            CloudLinkPresence.Offline,
            CloudLinkPresence.Unknown,
        ];

        for (var higher = 0; higher < descending.Length; higher++)
        {
            for (var lower = higher; lower < descending.Length; lower++)
            {
                Assert.Equal(descending[higher], PresenceRules.Max(descending[higher], descending[lower]));
                Assert.Equal(descending[higher], PresenceRules.Max(descending[lower], descending[higher]));
            }
        }
    }

    [Fact]
    public void No_line_state_is_unknown()
    {
        Assert.Equal(CloudLinkPresence.Unknown, PresenceRules.Combine([], null));
        Assert.Equal(CloudLinkPresence.Unknown, PresenceRules.Combine([], PbxUserPresence.Absent));
    }

    [Theory]
    [InlineData(LineState.Busy, PbxUserPresence.Available, CloudLinkPresence.Busy)]
    [InlineData(LineState.Available, PbxUserPresence.Busy, CloudLinkPresence.Busy)]
    [InlineData(LineState.Busy, PbxUserPresence.Absent, CloudLinkPresence.Away)]
    [InlineData(LineState.DoNotDisturb, PbxUserPresence.Meeting, CloudLinkPresence.DoNotDisturb)]
    [InlineData(LineState.Offline, PbxUserPresence.Available, CloudLinkPresence.Available)]
    public void Line_and_user_presence_combine(LineState lineState, PbxUserPresence userPresence, CloudLinkPresence expected)
    {
        Assert.Equal(expected, PresenceRules.Combine([lineState], userPresence));
    }

    [Fact]
    public void Absent_wins_over_any_mix()
    {
        Gen.Select(LineStatesGen, UserPresenceGen).Sample((lineStates, _) =>
            PresenceRules.Combine(lineStates, PbxUserPresence.Absent) == CloudLinkPresence.Away);
    }

    [Fact]
    public void Order_of_line_states_does_not_matter()
    {
        Gen.Select(LineStatesGen, UserPresenceGen, Gen.Int).Sample((lineStates, userPresence, seed) =>
        {
            var shuffled = lineStates.ToArray();
            new Random(seed).Shuffle(shuffled);
            return PresenceRules.Combine(lineStates, userPresence) == PresenceRules.Combine(shuffled, userPresence);
        });
    }

    [Fact]
    public void Result_is_one_of_the_mapped_inputs()
    {
        Gen.Select(LineStatesGen, UserPresenceGen).Sample((lineStates, userPresence) =>
        {
            var inputs = lineStates.Select(PresenceRules.FromLineState).ToList();
            if (userPresence is { } presence)
            {
                inputs.Add(PresenceRules.FromUserPresence(presence));
            }

            return inputs.Contains(PresenceRules.Combine(lineStates, userPresence));
        });
    }

    [Fact]
    public void Result_is_at_least_every_input()
    {
        Gen.Select(LineStatesGen, UserPresenceGen).Sample((lineStates, userPresence) =>
        {
            var combined = PresenceRules.Combine(lineStates, userPresence);
            return lineStates.All(lineState => combined >= PresenceRules.FromLineState(lineState))
                && (userPresence is null || combined >= PresenceRules.FromUserPresence(userPresence.Value));
        });
    }

    [Fact]
    public void Adding_a_line_never_lowers_result()
    {
        Gen.Select(LineStatesGen, Gen.Enum<LineState>(), UserPresenceGen).Sample((lineStates, extra, userPresence) =>
            PresenceRules.Combine([.. lineStates, extra], userPresence) >= PresenceRules.Combine(lineStates, userPresence));
    }
}
