using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PbxLab.Csta.Tests;

/// <summary>Logger that keeps every entry's event id and formatted message.</summary>
internal sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<(EventId EventId, LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId, logLevel, formatter(state, exception)));
}
