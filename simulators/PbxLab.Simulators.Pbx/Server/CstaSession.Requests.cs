using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;
using PbxLab.Simulators.Pbx.Engine;

namespace PbxLab.Simulators.Pbx.Server;

// Responses to client requests: a positive response, or a CSTAErrorCode with the ECMA-323 category and value.
internal sealed partial class CstaSession
{
    private (CstaResponse Response, string? DeviceId) Respond(int invokeId, CstaRequest request)
    {
        try
        {
            return request switch
            {
                SystemStatus => (new SystemStatusResponse(), null),
                SystemRegister => (Register(), null),
                RequestSystemStatus => (new RequestSystemStatusResponse(SystemStatusValue.Normal), null),
                MonitorStart monitorStart => StartMonitor(invokeId, monitorStart),
                MonitorStop monitorStop => StopMonitor(invokeId, monitorStop),
                SnapshotDevice snapshot => Snapshot(snapshot),
                MakeCall makeCall => PlaceCall(makeCall),
                AnswerCall answerCall => AnswerConnection(answerCall),
                ClearConnection clearConnection => ClearConnectionOf(clearConnection),
                GetDoNotDisturb get => GetDoNotDisturbOf(get),
                SetDoNotDisturb set => SetDoNotDisturbOf(set),
                HoldCall hold => HoldConnection(hold),
                RetrieveCall retrieve => RetrieveConnection(retrieve),
                ConsultationCall consultation => ConsultFrom(consultation),
                TransferCall transfer => TransferFrom(transfer),
                SingleStepTransferCall transfer => TransferInOneStep(transfer),
                ConferenceCall conference => ConferenceFrom(conference),
                SetForwarding set => SetForwardingOf(invokeId, set),
                GetForwarding get => GetForwardingOf(get),
                _ => Reject(invokeId, request, CstaErrorCategories.Operation, "serviceNotSupported", "the simulator does not implement this service"),
            };
        }
        catch (PbxOperationException exception)
        {
            var (category, value) = ErrorFor(exception.Failure, request);
            return Reject(invokeId, request, category, value, exception.Message);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A simulator bug must cost the client one failed request, not the connection or the process.
            Log.RequestFailed(_server.Logger, exception, Name, invokeId, CstaXmlCodec.GetElementName(request));
            return (new CstaErrorCode(CstaErrorCategories.Operation, "generic"), null);
        }
    }

    private SystemRegisterResponse Register()
    {
        var registerId = _server.NextSysStatRegisterId();
        _sysStatRegisterId = registerId;
        return new SystemRegisterResponse(registerId);
    }

    private (CstaResponse, string?) StartMonitor(int invokeId, MonitorStart request)
    {
        if (request.MonitorObject.DeviceObject is not { } deviceObject || request.MonitorType == MonitorType.Call)
        {
            return Reject(invokeId, request, CstaErrorCategories.Operation, "invalidMonitorObject", "only device monitors are supported");
        }

        var deviceId = CstaDeviceId.ExtractDirectoryNumber(deviceObject);
        if (!_server.Engine.TryGetDevice(deviceId, out var device))
        {
            return Reject(invokeId, request, CstaErrorCategories.Operation, "invalidDeviceID", $"device {deviceId} is not known");
        }

        // NOTE: an assumption of how the PBX reports that the device's user has no CloudLink role;
        // no MiVoice Office 400 documentation shows it.
        if (!device.CloudLinkRole)
        {
            return Reject(
                invokeId, request, CstaErrorCategories.Operation, "privilegeViolationSpecifiedDevice", $"device {deviceId} has no CloudLink role");
        }

        // Same category and value as the MiVoice Office 400 response in the estos ECSTA support article.
        if (_server.Monitors.TryStart(deviceId, this, out var monitor) == MonitorStartResult.LicencesExhausted)
        {
            return Reject(
                invokeId,
                request,
                CstaErrorCategories.SystemResourceAvailibility,
                "overallMonitorLimitExceeded",
                $"all {_server.Monitors.Licences} CSTA-session licences are in use");
        }

        Log.MonitorStarted(_server.Logger, Name, deviceId, monitor!.MonitorCrossRefId, _server.Monitors.InUse, _server.Monitors.Licences);
        return (new MonitorStartResponse(monitor.MonitorCrossRefId), deviceId);
    }

    private (CstaResponse, string?) StopMonitor(int invokeId, MonitorStop request)
    {
        if (!_server.Monitors.TryStop(request.MonitorCrossRefId, this, out var monitor))
        {
            return Reject(
                invokeId,
                request,
                CstaErrorCategories.Operation,
                "invalidMonitorCrossRefID",
                $"monitorCrossRefID {request.MonitorCrossRefId} is not a monitor of this connection");
        }

        Log.MonitorStopped(_server.Logger, Name, monitor!.DeviceId, monitor.MonitorCrossRefId, _server.Monitors.InUse);
        return (new MonitorStopResponse(), monitor.DeviceId);
    }

    private (CstaResponse, string?) Snapshot(SnapshotDevice request)
    {
        var device = _server.Engine.GetDevice(CstaDeviceId.ExtractDirectoryNumber(request.SnapshotObject));
        var items = device.Calls
            .Select(call => new SnapshotDeviceItem(
                new ConnectionId(call.CallId, device.DirectoryNumber),
                SnapshotCallState.Compound(CstaEventMapper.Map(call.LocalState), CstaEventMapper.Map(call.RemoteState))))
            .ToList();

        var presence = _server.Engine.Profile.SupportsUserPresence
            ? new Mivo400UserPresenceData(device.DirectoryNumber, CstaEventMapper.Map(device.UserPresence))
            : null;
        return (new SnapshotDeviceResponse(items, presence), device.DirectoryNumber);
    }

    private (CstaResponse, string?) PlaceCall(MakeCall request)
    {
        var callingDevice = CstaDeviceId.ExtractDirectoryNumber(request.CallingDevice);
        var calledNumber = CstaDeviceId.ExtractDirectoryNumber(request.CalledDirectoryNumber);
        var callId = _server.Engine.Dial(callingDevice, calledNumber, PbxCallCause.MakeCall);
        return (new MakeCallResponse(new ConnectionId(callId, callingDevice)), callingDevice);
    }

    private (CstaResponse, string?) AnswerConnection(AnswerCall request)
    {
        var deviceId = DeviceOfConnection(request.CallToBeAnswered);
        _server.Engine.Answer(deviceId);
        return (new AnswerCallResponse(), deviceId);
    }

    // A ClearConnection that names only the device clears that device's call (the call id is optional).
    private (CstaResponse, string?) ClearConnectionOf(ClearConnection request)
    {
        var deviceId = DeviceOfConnection(request.ConnectionToBeCleared);
        _server.Engine.Hangup(deviceId);
        return (new ClearConnectionResponse(), deviceId);
    }

    private (CstaResponse, string?) GetDoNotDisturbOf(GetDoNotDisturb request)
    {
        var device = _server.Engine.GetDevice(CstaDeviceId.ExtractDirectoryNumber(request.Device));
        return (new GetDoNotDisturbResponse(device.DoNotDisturb), device.DirectoryNumber);
    }

    private (CstaResponse, string?) SetDoNotDisturbOf(SetDoNotDisturb request)
    {
        var deviceId = CstaDeviceId.ExtractDirectoryNumber(request.Device);
        _server.Engine.SetDoNotDisturb(deviceId, request.DoNotDisturbOn);
        return (new SetDoNotDisturbResponse(), deviceId);
    }

    private (CstaResponse, string?) HoldConnection(HoldCall request)
    {
        var deviceId = DeviceOfConnection(request.CallToBeHeld);
        _server.Engine.Hold(deviceId);
        return (new HoldCallResponse(), deviceId);
    }

    private (CstaResponse, string?) RetrieveConnection(RetrieveCall request)
    {
        var deviceId = DeviceOfConnection(request.CallToBeRetrieved);
        _server.Engine.Retrieve(deviceId);
        return (new RetrieveCallResponse(), deviceId);
    }

    private (CstaResponse, string?) ConsultFrom(ConsultationCall request)
    {
        var deviceId = DeviceOfConnection(request.ExistingCall);
        var callId = _server.Engine.Consult(deviceId, CstaDeviceId.ExtractDirectoryNumber(request.ConsultedDevice));
        return (new ConsultationCallResponse(new ConnectionId(callId, deviceId)), deviceId);
    }

    private (CstaResponse, string?) TransferFrom(TransferCall request)
    {
        var deviceId = DeviceOfConnection(request.HeldCall);
        DeviceOfConnection(request.ActiveCall);
        var callId = _server.Engine.Transfer(deviceId);
        return (new TransferCallResponse(new ConnectionId(callId, null)), deviceId);
    }

    private (CstaResponse, string?) TransferInOneStep(SingleStepTransferCall request)
    {
        var deviceId = DeviceOfConnection(request.ActiveCall);
        _server.Engine.SingleStepTransfer(deviceId, CstaDeviceId.ExtractDirectoryNumber(request.TransferredTo));
        return (new SingleStepTransferCallResponse(request.ActiveCall.CallId is { } callId ? new ConnectionId(callId, null) : null), deviceId);
    }

    private (CstaResponse, string?) ConferenceFrom(ConferenceCall request)
    {
        var deviceId = DeviceOfConnection(request.HeldCall);
        DeviceOfConnection(request.ActiveCall);
        var callId = _server.Engine.Conference(deviceId);
        return (new ConferenceCallResponse(new ConnectionId(callId, deviceId)), deviceId);
    }

    private (CstaResponse, string?) SetForwardingOf(int invokeId, SetForwarding request)
    {
        var deviceId = CstaDeviceId.ExtractDirectoryNumber(request.Device);
        PbxForwardingType? type = request.ForwardingType switch
        {
            ForwardingType.ForwardImmediate => PbxForwardingType.Immediate,
            ForwardingType.ForwardBusy => PbxForwardingType.Busy,
            ForwardingType.ForwardNoAns => PbxForwardingType.NoAnswer,
            _ => null,
        };
        if (type is null)
        {
            return Reject(invokeId, request, CstaErrorCategories.Operation, "invalidForwardingType", $"forwarding type {request.ForwardingType} is not supported");
        }

        var destination = request.ForwardDN is { } dn ? CstaDeviceId.ExtractDirectoryNumber(dn) : null;
        TimeSpan? after = request.RingDuration is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        _server.Engine.SetForwarding(deviceId, type.Value, destination, request.ActivateForward, after);
        return (new SetForwardingResponse(), deviceId);
    }

    private (CstaResponse, string?) GetForwardingOf(GetForwarding request)
    {
        var deviceId = CstaDeviceId.ExtractDirectoryNumber(request.Device);
        var (destinations, noAnswerAfter) = _server.Engine.GetForwarding(deviceId);
        var items = Enum.GetValues<PbxForwardingType>()
            .Select(type => new ForwardListItem(
                CstaEventMapper.Map(type), destinations.ContainsKey(type), destinations.TryGetValue(type, out var to) ? to : null))
            .ToList();
        return (new GetForwardingResponse(items, RingDuration: (int)Math.Ceiling(noAnswerAfter.TotalSeconds)), deviceId);
    }

    /// <summary>
    /// Returns the device of a connection after checking that a call id, when given, is that device's call.
    /// </summary>
    private string DeviceOfConnection(ConnectionId connection)
    {
        if (connection.DeviceId is null)
        {
            throw new PbxOperationException(
                PbxFailure.UnknownCall, $"Connection of call {connection.CallId} names no device; the simulator needs the deviceID.");
        }

        var deviceId = CstaDeviceId.ExtractDirectoryNumber(connection.DeviceId);
        var device = _server.Engine.GetDevice(deviceId);
        if (connection.CallId is { } callId && device.Calls.All(c => c.CallId != callId))
        {
            throw new PbxOperationException(PbxFailure.UnknownCall, $"Device {deviceId} has no connection to call {callId}.");
        }

        return deviceId;
    }

    private (CstaResponse, string?) Reject(int invokeId, CstaRequest request, string category, string value, string reason)
    {
        Log.RequestRejected(_server.Logger, Name, invokeId, CstaXmlCodec.GetElementName(request), category, value, reason);
        return (new CstaErrorCode(category, value), DeviceOf(request));
    }

    private static (string Category, string Value) ErrorFor(PbxFailure failure, CstaRequest request) => failure switch
    {
        PbxFailure.UnknownDevice when request is MakeCall => (CstaErrorCategories.Operation, "invalidCallingDeviceID"),
        PbxFailure.UnknownDevice => (CstaErrorCategories.Operation, "invalidDeviceID"),
        PbxFailure.InvalidNumber => (CstaErrorCategories.Operation, "invalidCalledDeviceID"),
        PbxFailure.UnknownCall => (CstaErrorCategories.Operation, "invalidConnectionID"),
        PbxFailure.DeviceBusy => (CstaErrorCategories.StateIncompatibility, "invalidDeviceState"),
        PbxFailure.NoCallToAnswer => (CstaErrorCategories.StateIncompatibility, "noCallToAnswer"),
        PbxFailure.NoCallToClear => (CstaErrorCategories.StateIncompatibility, "noConnectionToClear"),
        PbxFailure.DeviceOutOfService => (CstaErrorCategories.SystemResourceAvailibility, "deviceOutOfService"),
        PbxFailure.NotSupportedByProfile => (CstaErrorCategories.Operation, "serviceNotSupported"),
        PbxFailure.NoActiveCall => (CstaErrorCategories.StateIncompatibility, "noActiveCall"),
        PbxFailure.NoHeldCall => (CstaErrorCategories.StateIncompatibility, "noHeldCall"),
        PbxFailure.InvalidForwarding => (CstaErrorCategories.Operation, "invalidForwardingDestination"),
        _ => (CstaErrorCategories.Operation, "generic"),
    };
}
