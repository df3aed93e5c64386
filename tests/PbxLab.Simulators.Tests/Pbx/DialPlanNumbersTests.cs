using Microsoft.Extensions.Time.Testing;
using PbxLab.Simulators.Pbx.Engine;
using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Simulators.Tests.Pbx;

public sealed class DialPlanNumbersTests
{
    [Theory]
    [InlineData("FR", "+33123456789", "00123456789")]
    [InlineData("FR", "+41441234567", "00041441234567")]
    [InlineData("CH", "+41441234567", "00441234567")]
    [InlineData("CH", "+33123456789", "00033123456789")]
    [InlineData("DE", "+493012345678", "003012345678")]
    [InlineData("SE", "+46812345678", "00812345678")]
    [InlineData("GB", "+442071234567", "902071234567")]
    [InlineData("GB", "+33123456789", "90033123456789")]
    [InlineData("US", "+12125550100", "912125550100")]
    [InlineData("US", "+33123456789", "901133123456789")]
    public void Incoming_caller_gets_trunk_code(string region, string e164, string presented)
    {
        Assert.Equal(presented, DialPlanNumbers.PresentIncoming(e164, PbxDialPlan.For(region)));
    }

    [Theory]
    [InlineData(CallerPresentation.National, "0123456789")]
    [InlineData(CallerPresentation.E164, "+33123456789")]
    [InlineData(CallerPresentation.WithTrunkAccessCode, "00123456789")]
    public void Presentation_follows_dial_plan(CallerPresentation presentation, string presented)
    {
        var plan = PbxDialPlan.For("FR") with { Presentation = presentation };

        Assert.Equal(presented, DialPlanNumbers.PresentIncoming("+33123456789", plan));
    }

    [Theory]
    [InlineData("FR", "0123456789", "+33123456789")]
    [InlineData("FR", "0041441234567", "+41441234567")]
    [InlineData("US", "12125550100", "+12125550100")]
    [InlineData("US", "01133123456789", "+33123456789")]
    [InlineData("SE", "0812345678", "+46812345678")]
    [InlineData("FR", "3615", null)]
    public void Dialled_number_reads_back_to_E164(string region, string dialable, string? e164)
    {
        Assert.Equal(e164, DialPlanNumbers.ToE164(dialable, PbxDialPlan.For(region)));
    }

    [Fact]
    public void Dial_string_adds_trunk_code()
    {
        Assert.Equal("00033123456789", DialPlanNumbers.ToDialString("+33123456789", PbxDialPlan.For("DE")));
        Assert.Equal("90033123456789", DialPlanNumbers.ToDialString("+33123456789", PbxDialPlan.For("GB")));
    }

    [Fact]
    public void Bad_input_names_the_value()
    {
        var notE164 = Assert.Throws<ArgumentException>(() => DialPlanNumbers.PresentIncoming("0123456789", PbxDialPlan.For("FR")));
        var region = Assert.Throws<ArgumentException>(() => PbxDialPlan.For("XX"));

        Assert.StartsWith("'0123456789' is not an E.164 number.", notE164.Message, StringComparison.Ordinal);
        Assert.StartsWith("Region 'XX' has no built-in dial plan.", region.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profiles_have_default_regions()
    {
        Assert.Equal("FR", PbxProfiles.MiVo400.DialPlan.Region);
        Assert.Equal("FR", PbxProfiles.MiVoice5000.DialPlan.Region);
        Assert.Equal("SE", PbxProfiles.MxOne.DialPlan.Region);
        Assert.Equal("US", PbxProfiles.MiVb.DialPlan.Region);
    }

    [Fact]
    public void Us_profile_uses_trunk_code_9()
    {
        using var engine = new PbxEngine(PbxProfiles.MiVb, new FakeTimeProvider(), TimeSpan.FromSeconds(30));
        var events = new List<PbxEvent>();
        engine.Subscribe(events.Add);
        engine.AddDevice("200");
        engine.AddDevice("201");

        var outgoing = engine.Dial("200", "901133123456789");
        var incoming = engine.IncomingExternalCall("+12125550100", "201");

        var outgoingDelivered = Assert.Single(events.OfType<CallDelivered>(), e => e.CallId == outgoing);
        var incomingDelivered = Assert.Single(events.OfType<CallDelivered>(), e => e.CallId == incoming);
        Assert.Equal("01133123456789", outgoingDelivered.AlertingDevice);
        Assert.Equal("+33123456789", DialPlanNumbers.ToE164(outgoingDelivered.AlertingDevice, engine.Profile.DialPlan));
        Assert.Equal("912125550100", incomingDelivered.CallingDevice);
        Assert.Equal(PbxFailure.InvalidNumber, Assert.Throws<PbxOperationException>(() => engine.AddDevice("900")).Failure);
    }
}
