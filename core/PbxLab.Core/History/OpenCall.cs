using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace PbxLab.Core.History;

/// <summary>
/// State of one call at one monitored user's device while the user is still in it, as the
/// call-history engine tracks it. Serialised as JSON for <see cref="ICallHistoryStore.SaveOpenCallAsync"/>.
/// </summary>
public sealed class OpenCall
{
    public required string Link { get; init; }

    public required string DeviceId { get; init; }

    public required string UserEmail { get; init; }

    /// <summary>The callID the device saw first; with the link and user it fixes the record id.</summary>
    public required string FirstCallId { get; init; }

    /// <summary>The callID the call has now; a transfer or conference may give it a new one.</summary>
    public required string CallId { get; set; }

    /// <summary>Null while no event has shown who called whom.</summary>
    public CallDirection? Direction { get; set; }

    public string? RemoteNumber { get; set; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The user's device joined a conference, so one party leaving no longer ends the user's part.</summary>
    public bool InConference { get; set; }

    /// <summary>
    /// The call was offered to the user's device by a transfer (cause singleStepTransfer or
    /// transfer on the DeliveredEvent), so once answered it counts as TransferredIn.
    /// </summary>
    public bool ReachedByTransfer { get; set; }

    /// <summary>An outcome already decided by an event (Failed, TransferredIn), used when the call ends.</summary>
    public CallOutcome? DecidedOutcome { get; set; }

    public string RecordId => RecordIdFor(Link, FirstCallId, UserEmail, StartedAt);

    /// <summary>Engine step that last applied an event to this call; not kept across a restart.</summary>
    [JsonIgnore]
    public long LastStep { get; set; }

    /// <summary>
    /// Computes the record id: the first 32 hex digits of SHA-256 over link, callID, user email and
    /// the time the call was first seen. A restarted core continues the open call with its saved
    /// start time and so gives it the same id. The start time keeps apart two calls with the same
    /// callID, which a PBX hands out again after its own restart.
    /// </summary>
    public static string RecordIdFor(string link, string firstCallId, string userEmail, DateTimeOffset startedAt)
    {
        var text = $"{link}\n{firstCallId}\n{userEmail.ToLowerInvariant()}\n{startedAt.UtcTicks}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash)[..32];
    }
}
