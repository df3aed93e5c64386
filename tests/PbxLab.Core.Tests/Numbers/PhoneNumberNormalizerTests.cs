using PbxLab.Core.Numbers;

namespace PbxLab.Core.Tests.Numbers;

public sealed class PhoneNumberNormalizerTests
{
    public static TheoryData<string, string, string> StoredFormats => new()
    {
        // France, the formats of the CloudLink guide's example.
        { "FR", "+33123456789", "+33123456789" },
        { "FR", "33 1 23 45 67 89", "+33123456789" },
        { "FR", "01 23 45 67 89", "+33123456789" },
        { "FR", "+33 1 23 45 67 89", "+33123456789" },
        { "FR", "011 33 1 23 45 67 89", "+33123456789" },
        { "FR", "00 33 1 23 45 67 89", "+33123456789" },
        { "FR", "+33 (0)1 23 45 67 89", "+33123456789" },
        { "FR", "01.23.45.67.89", "+33123456789" },

        // Switzerland.
        { "CH", "044 123 45 67", "+41441234567" },
        { "CH", "+41 (0)44 123 45 67", "+41441234567" },
        { "CH", "0041 44 123 45 67", "+41441234567" },
        { "CH", "+41441234567", "+41441234567" },

        // Germany.
        { "DE", "030 1234567", "+49301234567" },
        { "DE", "+49 (0)30 1234567", "+49301234567" },
        { "DE", "(030) 123 45 67", "+49301234567" },
        { "DE", "0049 30 1234567", "+49301234567" },

        // Sweden.
        { "SE", "08-123 456 78", "+46812345678" },
        { "SE", "+46 (0)8 123 456 78", "+46812345678" },
        { "SE", "0046 8 123 456 78", "+46812345678" },

        // United Kingdom.
        { "GB", "020 7946 0958", "+442079460958" },
        { "GB", "+44 (0)20 7946 0958", "+442079460958" },
        { "GB", "0044 20 7946 0958", "+442079460958" },

        // United States.
        { "US", "(212) 555-0123", "+12125550123" },
        { "US", "1-212-555-0123", "+12125550123" },
        { "US", "+1 212 555 0123", "+12125550123" },
        { "US", "212.555.0123", "+12125550123" },
        { "US", "011 33 1 23 45 67 89", "+33123456789" },

        // Foreign numbers stored in another country's habits, read with the PBX's region.
        { "FR", "0041 44 123 45 67", "+41441234567" },
        { "US", "0041 44 123 45 67", "+41441234567" },
        { "CH", "011 33 1 23 45 67 89", "+33123456789" },
        { "FR", "+1 (212) 555-0123", "+12125550123" },
        { "SE", "+44 (0)20 7946 0958", "+442079460958" },
    };

    [Theory]
    [MemberData(nameof(StoredFormats))]
    public void Stored_format_normalises_to_e164(string region, string stored, string expected)
    {
        var normalizer = new PhoneNumberNormalizer(new DialPlan(region, "0", "0", "00"));

        var result = normalizer.NormalizeStored(stored);

        Assert.Null(result.Failure);
        Assert.Equal(expected, result.E164);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("call me")]
    [InlineData("12")]
    [InlineData("+99 123")]
    [InlineData("01 23")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000000000")]
    public void Unparsable_stored_number_fails_with_reason(string? stored)
    {
        var normalizer = new PhoneNumberNormalizer(DialPlan.MiVoiceOffice400);

        var result = normalizer.NormalizeStored(stored);

        Assert.False(result.IsSuccess);
        Assert.Null(result.E164);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure));
    }

    [Fact]
    public void Failure_names_input_and_region()
    {
        var normalizer = new PhoneNumberNormalizer(DialPlan.MiVoiceOffice400);

        var result = normalizer.NormalizeStored("01 23");

        Assert.Equal("'01 23' is not a valid phone number in region FR, nor with a country code.", result.Failure);
    }

    public static TheoryData<string, string, string> PresentedNumbers => new()
    {
        // MiVoice Office 400 in France: access code 0, national prefix 0, international prefix 00.
        { "mivo400", "00123456789", "+33123456789" },
        { "mivo400", "0123456789", "+33123456789" },
        { "mivo400", "00041441234567", "+41441234567" },
        { "mivo400", "0041441234567", "+41441234567" },
        { "mivo400", "+33123456789", "+33123456789" },

        // MX-ONE in Sweden.
        { "mxone", "0081234567 8", "+46812345678" },
        { "mxone", "000442079460958", "+442079460958" },

        // MiVoice Business in North America: access code 9, national prefix 1, international prefix 011.
        { "mivb", "912125550123", "+12125550123" },
        { "mivb", "9011331234567 89", "+33123456789" },
        { "mivb", "2125550123", "+12125550123" },
        { "mivb", "12125550123", "+12125550123" },
        { "mivb", "+1 212 555 0123", "+12125550123" },
    };

    [Theory]
    [MemberData(nameof(PresentedNumbers))]
    public void Presented_number_uses_dial_plan(string profile, string presented, string expected)
    {
        var normalizer = new PhoneNumberNormalizer(DialPlan.DefaultFor(profile)!);

        var result = normalizer.NormalizePresented(presented);

        Assert.Null(result.Failure);
        Assert.Equal(expected, result.E164);
    }

    [Theory]
    [InlineData("")]
    [InlineData("anonymous")]
    [InlineData("0")]
    [InlineData("+0")]
    public void Unparsable_presented_number_fails(string presented)
    {
        var normalizer = new PhoneNumberNormalizer(DialPlan.MiVoiceOffice400);

        var result = normalizer.NormalizePresented(presented);

        Assert.Null(result.E164);
        Assert.NotNull(result.Failure);
    }

    [Fact]
    public void Configured_trunk_access_code_is_stripped()
    {
        var normalizer = new PhoneNumberNormalizer(new DialPlan("DE", "8", "0", "00"));

        Assert.Equal("+49301234567", normalizer.NormalizePresented("80301234567").E164);
        Assert.Equal("+33123456789", normalizer.NormalizePresented("80033123456789").E164);
    }

    [Fact]
    public void Unknown_region_is_rejected()
    {
        var exception = Assert.Throws<ArgumentException>(() => new PhoneNumberNormalizer(new DialPlan("XX", "0", "0", "00")));

        Assert.Contains("'XX'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9#", "1", "011", "TrunkAccessCode '9#'")]
    [InlineData("9", "+1", "011", "NationalPrefix '+1'")]
    [InlineData("9", "1", "0 11", "InternationalPrefix '0 11'")]
    public void Non_digit_prefix_is_rejected(string trunkAccessCode, string nationalPrefix, string internationalPrefix, string expected)
    {
        var exception = Assert.Throws<ArgumentException>(() => new PhoneNumberNormalizer(new DialPlan("US", trunkAccessCode, nationalPrefix, internationalPrefix)));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_trunk_access_code_is_allowed()
    {
        var normalizer = new PhoneNumberNormalizer(new DialPlan("CH", "", "0", "00"));

        Assert.Equal("+41441234567", normalizer.NormalizePresented("0441234567").E164);
        Assert.Equal("+33123456789", normalizer.NormalizePresented("0033123456789").E164);
    }

    [Fact]
    public void Profile_defaults_match_their_countries()
    {
        Assert.Equal(new DialPlan("FR", "0", "0", "00"), DialPlan.DefaultFor("mivo400"));
        Assert.Equal(new DialPlan("FR", "0", "0", "00"), DialPlan.DefaultFor("MiVoice5000"));
        Assert.Equal(new DialPlan("SE", "0", "0", "00"), DialPlan.DefaultFor("mxone"));
        Assert.Equal(new DialPlan("US", "9", "1", "011"), DialPlan.DefaultFor("mivb"));
        Assert.Null(DialPlan.DefaultFor("unknown"));
    }
}
