using PbxLab.Core.Diagnostics;
using PbxLab.Csta.Messages;
using PbxLab.Core.Links;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Gateway;

public sealed partial class GatewayHost
{
    /// <summary>
    /// CSTA error value of MonitorStart on a device whose user has no CloudLink role
    /// (ECMA-269 operation error privilegeViolationSpecifiedDevice).
    /// </summary>
    private const string PrivilegeViolation = "privilegeViolationSpecifiedDevice";

    /// <summary>
    /// The CSTA error value a MiVoice Office 400 returns when every CSTA-session licence is in use
    /// (systemResourceAvailibility/overallMonitorLimitExceeded, seen in field traces).
    /// </summary>
    private const string MonitorLimitExceeded = "overallMonitorLimitExceeded";

    private void OnLinkPhaseChanged(string linkName, PbxLinkPhase phase, string? reason)
    {
        GatewayLog.LinkPhaseChanged(_logger, linkName, phase, reason ?? "-");
        RaiseTrace(GatewayTraceKind.LinkPhaseChanged, null, linkName, reason is null ? phase.ToString() : $"{phase}: {reason}");

        // A link that stops because the gateway is shutting down is not a fault. The writer clears
        // the sessions it set as part of the shutdown.
        if (phase != PbxLinkPhase.Disconnected || _stopping.IsCancellationRequested)
        {
            return;
        }

        var link = _options.PbxLinks.FirstOrDefault(candidate => Key(candidate.Name) == Key(linkName));
        var where = link is null ? linkName : $"{linkName} ({link.Host}:{link.Port})";
        Diagnostics.Report(
            DiagnosticKind.LinkDown,
            $"The link to PBX {where} is down{(reason is null ? "" : $": {reason.TrimEnd('.')}")}. Its users show Offline and are cleared in Teams until the link is back; check that the PBX is reachable and its CSTA interface is enabled.",
            link: linkName);

        // Nothing is known about the devices while the link is down: every line is Offline and the
        // PBX user presence is forgotten, so that a stale Absent cannot keep a user Away.
        List<GatewayUser> linkUsers;
        lock (_stateLock)
        {
            linkUsers = [.. _usersByDevice.Where(entry => entry.Key.Link == Key(linkName)).Select(entry => entry.Value)];
        }

        foreach (var user in linkUsers)
        {
            UpdateUser(user, state =>
            {
                state.Monitored = false;
                state.LineState = LineState.Offline;
                state.UserPresence = null;
            });
        }
    }

    private void OnMonitorStarted(string linkName, string deviceId, string monitorCrossRefId)
    {
        var user = FindUserByDevice(linkName, deviceId);
        if (user is null)
        {
            return;
        }

        lock (_stateLock)
        {
            user.Monitored = true;
        }

        GatewayLog.MonitorStarted(_logger, deviceId, user.Email, linkName, monitorCrossRefId);
        RaiseTrace(GatewayTraceKind.MonitorStarted, user.Email, linkName, $"device {deviceId}, monitorCrossRefID {monitorCrossRefId}");
    }

    private void OnMonitorRefused(string linkName, string deviceId, string errorCategory, string errorValue)
    {
        var user = FindUserByDevice(linkName, deviceId);
        if (user is null)
        {
            return;
        }

        lock (_stateLock)
        {
            user.Monitored = false;
        }

        var code = $"{errorCategory}/{errorValue}";
        RaiseTrace(GatewayTraceKind.MonitorRefused, user.Email, linkName, $"device {deviceId}: {code}");

        if (errorValue == PrivilegeViolation)
        {
            Diagnostics.Report(
                DiagnosticKind.UserWithoutRole,
                $"{user.Email} is not monitored: the PBX refused MonitorStart for device {deviceId} with {code}, so the user has no CloudLink role. Give the user a CloudLink role on the PBX.",
                user.Email, deviceId, linkName, code);
            return;
        }

        var meaning = errorValue == MonitorLimitExceeded
            ? "the PBX is out of CSTA-session licences. Add CSTA-session licences or monitor fewer devices."
            : "check the device and the PBX's CSTA settings.";
        Diagnostics.Report(
            DiagnosticKind.MonitorRefused,
            $"{user.Email} is not monitored: the PBX refused MonitorStart for device {deviceId} with {code}; {meaning}",
            user.Email, deviceId, linkName, code);
    }

    private void OnLineStateChanged(string linkName, string deviceId, LineState lineState)
    {
        var user = FindUserByDevice(linkName, deviceId);
        if (user is null)
        {
            return;
        }

        GatewayLog.LineStateChanged(_logger, deviceId, user.Email, lineState);
        RaiseTrace(GatewayTraceKind.LineStateChanged, user.Email, linkName, $"device {deviceId}: {lineState}");
        UpdateUser(user, state => state.LineState = lineState);
    }

    private void OnUserPresenceChanged(string linkName, string deviceId, PbxUserPresence presence)
    {
        var user = FindUserByDevice(linkName, deviceId);
        if (user is null)
        {
            return;
        }

        if (!user.Profile.HasUserPresence)
        {
            GatewayLog.UserPresenceIgnored(_logger, user.Email, linkName, user.Profile.Name);
            return;
        }

        RaiseTrace(GatewayTraceKind.UserPresenceChanged, user.Email, linkName, $"device {deviceId}: {presence}");
        UpdateUser(user, state => state.UserPresence = presence);
    }

    /// <summary>Applies a change to a user, recombines their presence and submits the Graph write when it changed.</summary>
    private void UpdateUser(GatewayUser user, Action<GatewayUser> change)
    {
        CloudLinkPresence previous;
        CloudLinkPresence current;
        lock (_stateLock)
        {
            previous = user.Presence;
            change(user);
            LineState[] lineStates = user.LineState is { } lineState ? [lineState] : [];
            current = PresenceRules.Combine(lineStates, user.UserPresence, _options.Presence.NotAvailableMapsTo);
            user.Presence = current;

            // Submitting under the state lock keeps the order of submits equal to the order of
            // changes, so an older presence can never overwrite a newer one.
            if (current != previous && user.MatchedId is { } matchedId)
            {
                _writer.Submit(user.Email, matchedId, PresenceRules.ToGraphWrite(current));
            }
        }

        if (current == previous)
        {
            return;
        }

        GatewayLog.PresenceChanged(_logger, user.Email, previous, current);
        RaiseTrace(GatewayTraceKind.PresenceChanged, user.Email, user.Link.Name, $"{previous} -> {current}");
    }

    private GatewayUser? FindUserByDevice(string linkName, string deviceId)
    {
        GatewayUser? user;
        lock (_stateLock)
        {
            _usersByDevice.TryGetValue((Key(linkName), deviceId), out user);
        }

        if (user is null)
        {
            GatewayLog.UnknownDevice(_logger, linkName, deviceId);
        }

        return user;
    }

    /// <summary>The host's <see cref="IPbxLinkSink"/>; kept apart so the host's public surface stays small.</summary>
    private sealed class LinkSink(GatewayHost host) : IPbxLinkSink
    {
        public void OnLinkPhaseChanged(string linkName, PbxLinkPhase phase, string? reason)
        {
            host.OnLinkPhaseChanged(linkName, phase, reason);
            ((IPbxLinkSink?)host._historyRecorder)?.OnLinkPhaseChanged(linkName, phase, reason);
        }

        public void OnCallEvent(string linkName, string deviceId, CstaEvent cstaEvent) =>
            host._historyRecorder?.OnCallEvent(linkName, deviceId, cstaEvent);

        public void OnDeviceSnapshot(string linkName, string deviceId, IReadOnlyList<DeviceCall> calls) =>
            host._historyRecorder?.OnDeviceSnapshot(linkName, deviceId, calls);

        public void OnMonitorStarted(string linkName, string deviceId, string monitorCrossRefId) =>
            host.OnMonitorStarted(linkName, deviceId, monitorCrossRefId);

        public void OnMonitorRefused(string linkName, string deviceId, string errorCategory, string errorValue) =>
            host.OnMonitorRefused(linkName, deviceId, errorCategory, errorValue);

        public void OnLineStateChanged(string linkName, string deviceId, LineState lineState) =>
            host.OnLineStateChanged(linkName, deviceId, lineState);

        public void OnUserPresenceChanged(string linkName, string deviceId, PbxUserPresence presence) =>
            host.OnUserPresenceChanged(linkName, deviceId, presence);
    }
}
