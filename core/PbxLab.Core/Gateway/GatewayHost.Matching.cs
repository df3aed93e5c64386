using PbxLab.Core.Graph;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Gateway;

public sealed partial class GatewayHost
{
    /// <summary>How many user lookups run at once; Entra's directory throttles per app and tenant.</summary>
    private const int MatchParallelism = 4;

    /// <summary>
    /// Looks up every monitored user in Entra, then again every
    /// <see cref="Configuration.GatewayOptions.UserMatchRetryInterval"/> for those not matched yet.
    /// A matched user's current presence is written at once, which also clears a session a
    /// previous run of the gateway may have left.
    /// </summary>
    private async Task MatchUsersAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pending = _users.Where(user => user.WithinRoleLimit).ToList();
            while (pending.Count > 0)
            {
                await Parallel.ForEachAsync(
                    pending,
                    new ParallelOptions { MaxDegreeOfParallelism = MatchParallelism, CancellationToken = cancellationToken },
                    async (user, token) => await MatchUserAsync(user, token));

                lock (_stateLock)
                {
                    pending = [.. pending.Where(user => user.MatchedId is null)];
                }

                if (pending.Count == 0)
                {
                    break;
                }

                var retryAt = _timeProvider.GetUtcNow() + _options.UserMatchRetryInterval;
                GraphLog.UserMatchRetryScheduled(_logger, pending.Count, retryAt);
                await Task.Delay(_options.UserMatchRetryInterval, _timeProvider, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            GatewayLog.MatchingFailed(_logger, exception);
        }
    }

    private async Task MatchUserAsync(GatewayUser user, CancellationToken cancellationToken)
    {
        UserMatchResult result;
        try
        {
            result = await _matcher.MatchAsync(user.Email, user.Device, user.Link.Name, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // One failed lookup must not stop the others; the user is looked up again later.
            GatewayLog.UserMatchFailed(_logger, exception, user.Email);
            return;
        }

        if (result.Outcome != UserMatchOutcome.Matched || result.UserId is null)
        {
            return;
        }

        lock (_stateLock)
        {
            user.MatchedId = result.UserId;
            _writer.Submit(user.Email, result.UserId, PresenceRules.ToGraphWrite(user.Presence));
        }

        RaiseTrace(GatewayTraceKind.UserMatched, user.Email, user.Link.Name, $"Entra user {result.UserId}");
    }
}
