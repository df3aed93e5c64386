namespace PbxLab.Core.Configuration;

/// <summary>One problem in the gateway configuration.</summary>
/// <param name="Path">Key path of the bad value, for example users[3].email.</param>
/// <param name="Value">The bad value as written, or null when the key is missing or secret.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record ConfigurationError(string Path, string? Value, string Message)
{
    public override string ToString() =>
        Value is null ? $"{Path}: {Message}" : $"{Path}: '{Value}' {Message}";
}

/// <summary>Thrown when a gateway is started with a configuration that has errors.</summary>
public sealed class GatewayConfigurationException : Exception
{
    public GatewayConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<ConfigurationError> errors) =>
        $"The gateway configuration has {errors.Count} error(s):{Environment.NewLine}"
        + string.Join(Environment.NewLine, errors.Select(error => "  " + error));
}
