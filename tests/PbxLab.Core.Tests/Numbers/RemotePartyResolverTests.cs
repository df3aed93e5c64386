using PbxLab.Core.History;
using PbxLab.Core.Numbers;

namespace PbxLab.Core.Tests.Numbers;

public sealed class RemotePartyResolverTests
{
    private static RemotePartyResolver CreateResolver()
    {
        var index = DirectoryIndex.Build(
        [
            DirectoryEntry.ForUser("u-1", "Claire Dubois", ["+33123456789"]),
            DirectoryEntry.ForUser("u-2", "John Doe", ["+12125550123"]),
        ]);
        var normalizers = new Dictionary<string, PhoneNumberNormalizer>
        {
            ["paris"] = new(DialPlan.MiVoiceOffice400),
            ["ottawa"] = new(DialPlan.MiVoiceBusiness),
        };
        var owners = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["paris"] = new Dictionary<string, string> { ["201"] = "Reception" },
        };
        return new RemotePartyResolver(index, normalizers, owners);
    }

    [Fact]
    public void External_number_resolves_through_link_dial_plan()
    {
        var resolver = CreateResolver();

        var party = resolver.Resolve("a@contoso.com", "paris", "00123456789", false);

        Assert.Equal("+33123456789", party.E164);
        Assert.Equal("Claire Dubois", party.Name);
        Assert.Equal(RemoteNameSource.Directory, party.Source);
        Assert.Equal("John Doe", resolver.Resolve("a@contoso.com", "paris", "0001212 555 0123", false).Name);
        Assert.Equal("John Doe", resolver.Resolve("a@contoso.com", "ottawa", "912125550123", false).Name);
        Assert.Equal("Claire Dubois", resolver.Resolve("a@contoso.com", "ottawa", "9011 33 1 23 45 67 89", false).Name);
    }

    [Fact]
    public void Internal_number_resolves_to_device_owner()
    {
        var party = CreateResolver().Resolve("a@contoso.com", "paris", "201", true);

        Assert.Equal("Reception", party.Name);
        Assert.Equal(RemoteNameSource.PbxDevice, party.Source);
        Assert.Null(party.E164);
    }

    [Fact]
    public void Internal_number_without_owner_is_unknown()
    {
        Assert.Same(RemoteParty.Unknown, CreateResolver().Resolve("a@contoso.com", "paris", "299", true));
        Assert.Same(RemoteParty.Unknown, CreateResolver().Resolve("a@contoso.com", "ottawa", "201", true));
    }

    [Fact]
    public void Withheld_or_invalid_number_is_unknown()
    {
        var resolver = CreateResolver();

        Assert.Same(RemoteParty.Unknown, resolver.Resolve("a@contoso.com", "paris", "", false));
        Assert.Same(RemoteParty.Unknown, resolver.Resolve("a@contoso.com", "paris", "anonymous", false));
        Assert.Same(RemoteParty.Unknown, resolver.Resolve("a@contoso.com", "unknown-link", "00123456789", false));
    }

    [Fact]
    public void Unmatched_number_keeps_e164()
    {
        var party = CreateResolver().Resolve("a@contoso.com", "paris", "0612345678", false);

        Assert.Equal("+33612345678", party.E164);
        Assert.Null(party.Name);
        Assert.Equal(RemoteNameSource.None, party.Source);
    }
}
