using PbxLab.Core.History;
using PbxLab.Core.Numbers;

namespace PbxLab.Core.Tests.Numbers;

public sealed class RemotePartyResolverTests
{
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> Owners = new()
    {
        ["paris"] = new Dictionary<string, string>
        {
            ["201"] = "alice@contoso.com",
            ["202"] = "bob@contoso.com",
            ["203"] = "carol@contoso.com",
            ["204"] = "Alice.Martin@Contoso.com",
        },
    };

    private static readonly Dictionary<string, PhoneNumberNormalizer> ParisOnly = new() { ["paris"] = new(DialPlan.MiVoiceOffice400) };

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
        return new RemotePartyResolver(index, normalizers, Owners);
    }

    // Alice has a display name, Bob has none, and Carol is not in Entra.
    private static DirectoryIndex EntraUsers(string aliceDisplayName = "Alice Martin") =>
        DirectoryIndex.Build(
            new DirectorySnapshot(
                [
                    new EntraUserRecord("u-alice", aliceDisplayName, "alice@contoso.com", "alice.martin@contoso.com", ["+33 1 23 45 67 00"], null),
                    new EntraUserRecord("u-bob", null, "bob@contoso.com", "bob@contoso.com", [], null),
                ],
                new Dictionary<string, IReadOnlyList<OutlookContactRecord>>()),
            new PhoneNumberNormalizer(DialPlan.MiVoiceOffice400));

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
    public void Internal_number_resolves_to_owner_display_name()
    {
        var resolver = new RemotePartyResolver(EntraUsers(), ParisOnly, Owners);

        var party = resolver.Resolve("b@contoso.com", "paris", "201", true);

        Assert.Equal("Alice Martin", party.Name);
        Assert.Equal(RemoteNameSource.PbxDevice, party.Source);
        Assert.Null(party.E164);
        Assert.Empty(party.Candidates);
        Assert.Equal("Alice Martin", resolver.Resolve("b@contoso.com", "paris", " 204 ", true).Name);
    }

    [Fact]
    public void Internal_owner_without_entra_name_keeps_email()
    {
        var resolver = new RemotePartyResolver(EntraUsers(), ParisOnly, Owners);

        var nameless = resolver.Resolve("a@contoso.com", "paris", "202", true);
        var notInEntra = resolver.Resolve("a@contoso.com", "paris", "203", true);

        Assert.Equal("bob@contoso.com", nameless.Name);
        Assert.Equal(RemoteNameSource.PbxDevice, nameless.Source);
        Assert.Equal("carol@contoso.com", notInEntra.Name);
        Assert.Equal(RemoteNameSource.PbxDevice, notInEntra.Source);
    }

    // Before the first directory load the index is empty, and a later load renames the owner.
    [Fact]
    public void Internal_owner_name_follows_directory_reload()
    {
        var current = DirectoryIndex.Empty;
        var resolver = new RemotePartyResolver(() => current, ParisOnly, Owners);

        var beforeLoad = resolver.Resolve("b@contoso.com", "paris", "201", true).Name;
        current = EntraUsers();
        var afterLoad = resolver.Resolve("b@contoso.com", "paris", "201", true).Name;
        current = EntraUsers("Alice Martin-Roux");
        var afterRename = resolver.Resolve("b@contoso.com", "paris", "201", true).Name;

        Assert.Equal("alice@contoso.com", beforeLoad);
        Assert.Equal("Alice Martin", afterLoad);
        Assert.Equal("Alice Martin-Roux", afterRename);
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
