namespace PbxLab.Csta.Messages;

/// <summary>
/// The negative response to any request, wire root <c>CSTAErrorCode</c>. It has one child, whose
/// element name is the <see cref="Category"/> and whose text is the <see cref="Value"/>, for example
/// <c>systemResourceAvailibility</c> (the schema's spelling) = <c>overallMonitorLimitExceeded</c>.
/// The <c>unspecified</c> category is empty, so its value is "".
/// </summary>
public sealed record CstaErrorCode(string Category, string Value) : CstaResponse;

/// <summary>Element names of the CSTAErrorCode categories, as ECMA-323 spells them.</summary>
public static class CstaErrorCategories
{
    public const string Operation = "operation";
    public const string StateIncompatibility = "stateIncompatibility";
    public const string SystemResourceAvailibility = "systemResourceAvailibility";
    public const string SubscribedResourceAvailability = "subscribedResourceAvailability";
    public const string PerformanceManagement = "performanceManagement";
    public const string Security = "security";
    public const string Unspecified = "unspecified";
    public const string PrivateErrorCode = "privateErrorCode";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Operation, StateIncompatibility, SystemResourceAvailibility, SubscribedResourceAvailability,
        PerformanceManagement, Security, Unspecified, PrivateErrorCode,
    };
}
