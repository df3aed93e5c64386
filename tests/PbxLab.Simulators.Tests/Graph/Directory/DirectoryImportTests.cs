using PbxLab.Simulators.Graph.Directory;

namespace PbxLab.Simulators.Tests.Graph.Directory;

public sealed class DirectoryImportTests
{
    private const string ValidCsv = """
        kind,owner,displayName,userPrincipalName,mail,businessPhones,homePhones,mobilePhone
        user,,Claire Dubois,claire@contoso.com,claire@contoso.com,+33 1 23 45 67 89,,06 12 34 56 78
        contact,claire@contoso.com,"Dupont, Jean",,,01 40 00 00 01;01 40 00 00 02,04 78 12 34 56,
        contact,claire@contoso.com,No Number,,,,,
        """;

    [Fact]
    public void Csv_reads_users_and_contacts()
    {
        var directory = DirectoryImport.FromCsv(ValidCsv, "partner.csv");

        var user = Assert.Single(directory.Users);
        Assert.Equal("claire@contoso.com", user.UserPrincipalName);
        Assert.Equal("Claire Dubois", user.DisplayName);
        Assert.Equal(["+33 1 23 45 67 89"], user.BusinessPhones);
        Assert.Equal("06 12 34 56 78", user.MobilePhone);

        Assert.Equal(2, directory.Contacts.Count);
        var contact = directory.Contacts[0];
        Assert.Equal("claire@contoso.com", contact.OwnerUserPrincipalName);
        Assert.Equal("Dupont, Jean", contact.Contact.DisplayName);
        Assert.Equal(["01 40 00 00 01", "01 40 00 00 02"], contact.Contact.BusinessPhones);
        Assert.Equal(["04 78 12 34 56"], contact.Contact.HomePhones);
        Assert.Null(contact.Contact.MobilePhone);
        Assert.Empty(directory.Contacts[1].Contact.BusinessPhones);
    }

    [Fact]
    public void Same_file_gives_same_ids()
    {
        Assert.Equal(DirectoryImport.FromCsv(ValidCsv, "a.csv").Users[0].Id, DirectoryImport.FromCsv(ValidCsv, "b.csv").Users[0].Id);
    }

    [Fact]
    public void Csv_errors_name_file_line_field()
    {
        const string csv = """
            kind,owner,displayName,userPrincipalName,mail,businessPhones,homePhones,mobilePhone
            user,,Claire Dubois,,,,,
            person,,Someone,,,,,
            contact,nobody@contoso.com,Plumber,,,,,
            user,,Marc Petit,marc@contoso.com,,01 23 45 67 89;01 23 45 67 90,04 00 00 00 00,
            contact,,Orphan,,,,,
            """;

        var exception = Assert.Throws<DirectoryImportException>(() => DirectoryImport.FromCsv(csv, "partner.csv"));

        Assert.Equal(
            [
                "partner.csv:2: field 'userPrincipalName': A user needs a userPrincipalName.",
                "partner.csv:5: field 'homePhones': Entra users have no homePhones; leave it empty or make the row a contact.",
                "partner.csv:5: field 'businessPhones': Graph allows one business phone per user; keep one number.",
                "partner.csv:3: field 'kind': 'person' is not a kind; use user or contact.",
                "partner.csv:4: field 'owner': No user 'nobody@contoso.com' in the file; add a user row for the owner.",
                "partner.csv:6: field 'owner': A contact needs the userPrincipalName of its owner.",
            ],
            exception.Errors.Select(error => error.ToString()));
        Assert.Contains("partner.csv:3", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "partner.csv:1: The file is empty")]
    [InlineData("kind,displayName,fax\nuser,A,1\n", "partner.csv:1: field 'fax': Unknown column")]
    [InlineData("owner,displayName\n", "partner.csv:1: field 'kind': Required column is missing")]
    [InlineData("kind,displayName\nuser,A,extra\n", "partner.csv:2: The row has 3 fields")]
    [InlineData("kind,displayName\nuser,\"A\n", "partner.csv:2: A quoted field is never closed")]
    public void Bad_csv_is_rejected(string csv, string expectedStart)
    {
        var exception = Assert.Throws<DirectoryImportException>(() => DirectoryImport.FromCsv(csv, "partner.csv"));

        Assert.Contains(exception.Errors, error => error.ToString().StartsWith(expectedStart, StringComparison.Ordinal));
    }

    [Fact]
    public void Json_reads_users_and_contacts()
    {
        const string json = """
            [
              { "kind": "user", "displayName": "Claire Dubois", "userPrincipalName": "claire@contoso.com",
                "businessPhones": ["+33 1 23 45 67 89"], "mobilePhone": "06 12 34 56 78" },
              { "kind": "contact", "owner": "claire@contoso.com", "displayName": "Plumber",
                "homePhones": "04 78 12 34 56; 04 78 12 34 57" }
            ]
            """;

        var directory = DirectoryImport.FromJson(json, "partner.json");

        Assert.Equal(["+33 1 23 45 67 89"], Assert.Single(directory.Users).BusinessPhones);
        var contact = Assert.Single(directory.Contacts).Contact;
        Assert.Equal(["04 78 12 34 56", "04 78 12 34 57"], contact.HomePhones);
    }

    [Fact]
    public void Json_errors_name_line_and_field()
    {
        const string json = """
            [
              { "kind": "user", "displayName": "Claire", "userPrincipalName": "claire@contoso.com" },
              { "kind": "contact", "owner": "claire@contoso.com", "displayName": 12,
                "fax": "x" },
              { "kind": "contact", "owner": "claire@contoso.com", "mobilePhone": ["06"], "businessPhones": [1] }
            ]
            """;

        var exception = Assert.Throws<DirectoryImportException>(() => DirectoryImport.FromJson(json, "partner.json"));

        Assert.Equal(
            [
                "partner.json:3: field 'fax': Unknown property; the properties are kind, owner, displayName, userPrincipalName, mail, businessPhones, homePhones, mobilePhone.",
                "partner.json:3: field 'displayName': Expected a string, found Number.",
                "partner.json:5: field 'businessPhones': Expected an array of strings or one string with numbers separated by ';'.",
                "partner.json:5: field 'mobilePhone': Expected a string, found Array.",
            ],
            exception.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void Invalid_json_names_line()
    {
        var exception = Assert.Throws<DirectoryImportException>(() => DirectoryImport.FromJson("[\n  { \"kind\": \"user\",\n  }\n]", "partner.json"));

        var error = Assert.Single(exception.Errors);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("Invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_type_follows_extension()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pbxlab-directory-{Guid.NewGuid():N}.csv");
        var textPath = Path.ChangeExtension(path, ".txt");
        File.WriteAllText(path, ValidCsv);
        File.WriteAllText(textPath, ValidCsv);
        try
        {
            Assert.Single(DirectoryImport.FromFile(path).Users);
            var exception = Assert.Throws<DirectoryImportException>(() => DirectoryImport.FromFile(textPath));
            Assert.Contains("use a .csv or .json file", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
            File.Delete(textPath);
        }
    }
}
