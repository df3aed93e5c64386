using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PbxLab.Cli;

/// <summary>
/// What the CLI takes from its host: the clock for report timestamps and real-time durations, whether the
/// console is a terminal (rich output) and where logs go.
/// </summary>
public sealed record CliOptions(TimeProvider TimeProvider, bool RichConsole, ILoggerFactory LoggerFactory)
{
    /// <summary>Plain output, the system clock and no logging; what tests and redirected output get.</summary>
    public static CliOptions Plain { get; } = new(TimeProvider.System, false, NullLoggerFactory.Instance);
}
