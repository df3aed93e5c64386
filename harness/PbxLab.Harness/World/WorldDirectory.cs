using System.Security.Cryptography;
using System.Text;
using PbxLab.Harness.Scenarios;
using PbxLab.Simulators.Graph;
using PbxLab.Simulators.Graph.Directory;

namespace PbxLab.Harness.World;

/// <summary>
/// Fills the fake Graph with a scenario's directory: the users with their Entra phones and Outlook
/// contacts, the Entra people without a PBX device, a generated directory and an imported file.
/// A scenario user always wins over a generated or imported user with the same user principal
/// name, because the scenario's expectations are written against its own definition.
/// </summary>
internal static class WorldDirectory
{
    public static void Seed(FakeGraphServer graph, ScenarioDefinition scenario)
    {
        foreach (var user in scenario.Users.Where(user => user.InEntra))
        {
            graph.Directory.AddUser(new FakeUser
            {
                Id = ObjectIdOf(user.Email),
                UserPrincipalName = user.Email,
                Mail = user.Email,
                DisplayName = user.DisplayName ?? user.Name,
                BusinessPhones = user.BusinessPhones,
                MobilePhone = user.MobilePhone,
            });
        }

        foreach (var person in scenario.Directory.People)
        {
            graph.Directory.AddUser(new FakeUser
            {
                Id = ObjectIdOf(person.Email),
                UserPrincipalName = person.Email,
                Mail = person.Email,
                DisplayName = person.DisplayName,
                BusinessPhones = person.BusinessPhones,
                MobilePhone = person.MobilePhone,
            });
        }

        if (scenario.Directory.Generate is { } generate)
        {
            AddMissing(graph, DirectoryGenerator.Generate(generate.UserCount, generate.Seed, generate.Locales, generate.ContactsPerUser));
        }

        if (scenario.Directory.ImportPath is { } importPath)
        {
            AddMissing(graph, DirectoryImport.FromFile(importPath));
        }

        foreach (var user in scenario.Users.Where(user => user.InEntra))
        {
            for (var index = 0; index < user.Contacts.Count; index++)
            {
                var contact = user.Contacts[index];
                graph.Directory.AddContact(user.Email, new FakeContact
                {
                    Id = $"scenario-contact-{index + 1}",
                    DisplayName = contact.DisplayName,
                    BusinessPhones = contact.BusinessPhones,
                    HomePhones = contact.HomePhones,
                    MobilePhone = contact.MobilePhone,
                });
            }
        }
    }

    /// <summary>A stable object id per email, so trails and reports read the same on every run.</summary>
    public static string ObjectIdOf(string email)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(email.ToUpperInvariant()));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    // Users already in the directory (the scenario's own) keep their definition. The file's
    // contacts still land in their mailboxes, because that is how a partner's export names callers.
    private static void AddMissing(FakeGraphServer graph, GeneratedDirectory directory)
    {
        foreach (var user in directory.Users)
        {
            if (graph.Directory.Find(user.UserPrincipalName) is null && graph.Directory.Find(user.Id) is null)
            {
                graph.Directory.AddUser(user);
            }
        }

        foreach (var (owner, contact) in directory.Contacts)
        {
            if (graph.Directory.Find(owner) is { } ownerUser
                && !graph.Directory.ContactsOf(ownerUser.Id).Any(existing => existing.Id == contact.Id))
            {
                graph.Directory.AddContact(owner, contact);
            }
        }
    }
}
