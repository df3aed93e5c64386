using PbxLab.Core.History;
using PbxLab.Core.Numbers;

namespace PbxLab.Core.Tests.Numbers;

public sealed class DirectoryIndexTests
{
    private const string Owner = "alice@contoso.com";

    private static readonly PhoneNumberNormalizer France = new(DialPlan.MiVoiceOffice400);

    [Fact]
    public void Every_stored_format_matches_one_call()
    {
        string[] formats = ["+33123456789", "33 1 23 45 67 89", "01 23 45 67 89", "+33 1 23 45 67 89", "011 33 1 23 45 67 89", "00 33 1 23 45 67 89"];

        foreach (var format in formats)
        {
            var snapshot = new DirectorySnapshot([new EntraUserRecord("u-1", "Claire Dubois", "claire@contoso.com", null, [format], null)], Owned());
            var index = DirectoryIndex.Build(snapshot, France);

            var party = index.Lookup("+33123456789", Owner);

            Assert.Equal("Claire Dubois", party.Name);
            Assert.Equal(RemoteNameSource.Directory, party.Source);
        }
    }

    [Fact]
    public void Two_people_make_number_ambiguous()
    {
        var snapshot = new DirectorySnapshot(
            [
                new EntraUserRecord("u-1", "Claire Dubois", null, null, ["+33 1 23 45 67 89"], null),
                new EntraUserRecord("u-2", "Marc Petit", null, null, [], "01 23 45 67 89"),
            ],
            Owned());

        var party = DirectoryIndex.Build(snapshot, France).Lookup("+33123456789", Owner);

        Assert.Equal(RemoteNameSource.Ambiguous, party.Source);
        Assert.Null(party.Name);
        Assert.Equal(["Claire Dubois", "Marc Petit"], party.Candidates);
        Assert.Equal("+33123456789", party.E164);
    }

    [Fact]
    public void Contact_and_directory_people_make_number_ambiguous()
    {
        var snapshot = new DirectorySnapshot(
            [new EntraUserRecord("u-1", "Claire Dubois", null, null, ["+33 1 23 45 67 89"], null)],
            Owned(new OutlookContactRecord("Plumber", [], ["01 23 45 67 89"], null)));

        var party = DirectoryIndex.Build(snapshot, France).Lookup("+33123456789", Owner);

        Assert.Equal(RemoteNameSource.Ambiguous, party.Source);
        Assert.Equal(["Plumber", "Claire Dubois"], party.Candidates);
    }

    [Fact]
    public void Same_person_twice_is_not_ambiguous()
    {
        var snapshot = new DirectorySnapshot(
            [new EntraUserRecord("u-1", "Élodie Martin", null, null, ["+33 1 23 45 67 89"], "01 23 45 67 89")],
            Owned(new OutlookContactRecord("  elodie   MARTIN ", ["0033123456789"], [], null)));

        var index = DirectoryIndex.Build(snapshot, France);
        var forOwner = index.Lookup("+33123456789", Owner);
        var forOther = index.Lookup("+33123456789", "bob@contoso.com");

        Assert.Equal(RemoteNameSource.Contact, forOwner.Source);
        Assert.Equal("elodie   MARTIN", forOwner.Name);
        Assert.Empty(forOwner.Candidates);
        Assert.Equal(RemoteNameSource.Directory, forOther.Source);
        Assert.Equal("Élodie Martin", forOther.Name);
    }

    [Fact]
    public void Contacts_belong_to_their_owner_only()
    {
        var snapshot = new DirectorySnapshot([], Owned(new OutlookContactRecord("Dentist", ["04 78 12 34 56"], [], null)));
        var index = DirectoryIndex.Build(snapshot, France);

        Assert.Equal("Dentist", index.Lookup("+33478123456", "ALICE@contoso.com").Name);
        Assert.Equal(RemoteNameSource.None, index.Lookup("+33478123456", "bob@contoso.com").Source);
        Assert.Equal(RemoteNameSource.None, index.Lookup("+33478123456", null).Source);
    }

    [Fact]
    public void Unknown_number_has_no_name()
    {
        var party = DirectoryIndex.Empty.Lookup("+33999999999", Owner);

        Assert.Equal("+33999999999", party.E164);
        Assert.Null(party.Name);
        Assert.Equal(RemoteNameSource.None, party.Source);
        Assert.Empty(party.Candidates);
    }

    [Fact]
    public void Unparsable_stored_numbers_are_skipped_and_listed()
    {
        var snapshot = new DirectorySnapshot([new EntraUserRecord("u-1", "Claire Dubois", null, null, ["ask reception"], "06 12 34 56 78")], Owned());

        var index = DirectoryIndex.Build(snapshot, France);

        Assert.Equal("Claire Dubois", index.Lookup("+33612345678", Owner).Name);
        var skipped = Assert.Single(index.SkippedNumbers);
        Assert.StartsWith("Claire Dubois: ", skipped, StringComparison.Ordinal);
        Assert.Contains("'ask reception'", skipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Lookup_allocates_nothing_for_known_number()
    {
        var entries = Enumerable.Range(0, 1000).Select(i => DirectoryEntry.ForUser($"u-{i}", $"Person {i}", [$"+3314{i:D7}"])).ToList();
        var index = DirectoryIndex.Build(entries);
        index.Lookup("+33140000500", Owner);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var party = index.Lookup("+33140000500", Owner);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("Person 500", party.Name);
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("Élodie Martin", "  elodie   MARTIN ")]
    [InlineData("Åsa Öberg", "asa oberg")]
    [InlineData("Jürgen Müller", "Ju\u0308rgen Mu\u0308ller")]
    [InlineData("Łukasz Søndergaard", "lukasz sondergaard")]
    public void Same_person_key_ignores_case_accents_spaces(string first, string second)
    {
        Assert.Equal(PersonIdentity.KeyOf(first), PersonIdentity.KeyOf(second));
    }

    [Fact]
    public void Different_names_have_different_keys()
    {
        Assert.NotEqual(PersonIdentity.KeyOf("Claire Dubois"), PersonIdentity.KeyOf("Claire Duboiss"));
    }

    [Fact]
    public void User_display_name_found_by_upn_or_mail()
    {
        var snapshot = new DirectorySnapshot(
            [
                new EntraUserRecord("u-1", " Alice Martin ", "alice@contoso.com", "alice.martin@contoso.com", [], null),
                new EntraUserRecord("u-2", null, "bob@contoso.com", "bob@contoso.com", [], null),
                new EntraUserRecord("u-3", "   ", "carol@contoso.com", null, [], null),
            ],
            Owned());

        var index = DirectoryIndex.Build(snapshot, France);

        Assert.Equal("Alice Martin", index.UserDisplayNameOf("alice@contoso.com"));
        Assert.Equal("Alice Martin", index.UserDisplayNameOf("ALICE.Martin@Contoso.com"));
        Assert.Null(index.UserDisplayNameOf("bob@contoso.com"));
        Assert.Null(index.UserDisplayNameOf("carol@contoso.com"));
        Assert.Null(index.UserDisplayNameOf("dave@contoso.com"));
    }

    // Entra keeps userPrincipalName unique, so it names the user even when another user's mail is the same text.
    [Fact]
    public void User_upn_wins_over_other_users_mail()
    {
        var snapshot = new DirectorySnapshot(
            [
                new EntraUserRecord("u-1", "Shared Mailbox Owner", "owner@contoso.com", "sales@contoso.com", [], null),
                new EntraUserRecord("u-2", "Sales Desk", "sales@contoso.com", null, [], null),
            ],
            Owned());

        var index = DirectoryIndex.Build(snapshot, France);

        Assert.Equal("Sales Desk", index.UserDisplayNameOf("sales@contoso.com"));
        Assert.Equal("Shared Mailbox Owner", index.UserDisplayNameOf("owner@contoso.com"));
    }

    [Fact]
    public void Index_from_entries_has_no_user_emails()
    {
        var index = DirectoryIndex.Build([DirectoryEntry.ForUser("u-1", "Alice Martin", ["+33123456789"])]);

        Assert.Null(index.UserDisplayNameOf("alice@contoso.com"));
        Assert.Null(DirectoryIndex.Empty.UserDisplayNameOf("alice@contoso.com"));
    }

    private static Dictionary<string, IReadOnlyList<OutlookContactRecord>> Owned(params OutlookContactRecord[] contacts) =>
        new() { [Owner] = contacts };
}
