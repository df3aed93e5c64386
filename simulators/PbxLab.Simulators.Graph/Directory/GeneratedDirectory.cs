namespace PbxLab.Simulators.Graph.Directory;

/// <summary>A contact and the user principal name of the user whose mailbox contains it.</summary>
public sealed record OwnedContact(string OwnerUserPrincipalName, FakeContact Contact);

/// <summary>Users and contacts to load into a fake Graph with <see cref="FakeGraphServer.LoadDirectory"/>.</summary>
public sealed record GeneratedDirectory(IReadOnlyList<FakeUser> Users, IReadOnlyList<OwnedContact> Contacts);
