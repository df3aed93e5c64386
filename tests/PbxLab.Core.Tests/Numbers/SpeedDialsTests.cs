using PbxLab.Core.Numbers;

namespace PbxLab.Core.Tests.Numbers;

public sealed class SpeedDialsTests
{
    [Fact]
    public void Contacts_with_numbers_are_eligible()
    {
        OutlookContactRecord[] contacts =
        [
            new("Claire Dubois", ["01 23 45 67 89"], ["+33 4 78 12 34 56"], "06 12 34 56 78"),
            new("No Number", [], [], null),
            new("Only Mobile", [], [], "0033 6 98 76 54 32"),
            new("Blank Numbers", [" "], [""], "  "),
            new("Odd Number", ["ask reception"], [], null),
        ];

        var view = SpeedDials.Build(contacts, new PhoneNumberNormalizer(DialPlan.MiVoiceOffice400));

        Assert.Equal(["Claire Dubois", "No Number", "Only Mobile", "Blank Numbers", "Odd Number"], view.Select(entry => entry.DisplayName));

        Assert.True(view[0].IsEligible);
        Assert.Null(view[0].Status);
        Assert.Equal(
            [
                new SpeedDialNumber(SpeedDialNumberKind.Business, "01 23 45 67 89", "+33123456789"),
                new SpeedDialNumber(SpeedDialNumberKind.Home, "+33 4 78 12 34 56", "+33478123456"),
                new SpeedDialNumber(SpeedDialNumberKind.Mobile, "06 12 34 56 78", "+33612345678"),
            ],
            view[0].Numbers);

        Assert.False(view[1].IsEligible);
        Assert.Equal("NOT AVAILABLE", view[1].Status);
        Assert.Empty(view[1].Numbers);

        Assert.True(view[2].IsEligible);
        Assert.Equal("+33698765432", Assert.Single(view[2].Numbers).E164);

        Assert.False(view[3].IsEligible);
        Assert.Equal("NOT AVAILABLE", view[3].Status);

        Assert.True(view[4].IsEligible);
        Assert.Null(Assert.Single(view[4].Numbers).E164);
    }
}
