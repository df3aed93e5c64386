using Microsoft.Extensions.Logging;

namespace PbxLab.Core.Diagnostics;

/// <summary>
/// The problems the gateway has found, as typed entries that a support engineer or the harness can
/// read. Thread-safe. Every new entry is logged as a warning. Repeats are counted and logged again
/// only at counts that are powers of ten, so a recurring fault cannot flood the log.
/// </summary>
public sealed partial class GatewayDiagnostics
{
    private readonly Lock _lock = new();
    private readonly List<DiagnosticEntry> _entries = [];
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public GatewayDiagnostics(TimeProvider timeProvider, ILogger<GatewayDiagnostics> logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Raised after an entry is added or its count grows; runs on the reporting thread.</summary>
    public event Action<DiagnosticEntry>? Reported;

    /// <summary>A snapshot of the entries in the order they were first seen.</summary>
    public IReadOnlyList<DiagnosticEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Returns the entries of one kind, in the order they were first seen.</summary>
    public IReadOnlyList<DiagnosticEntry> OfKind(DiagnosticKind kind) =>
        Entries.Where(entry => entry.Kind == kind).ToList();

    /// <summary>Adds an entry, or counts a repeat of an entry with the same kind, user, device and link.</summary>
    public DiagnosticEntry Report(
        DiagnosticKind kind,
        string reason,
        string? email = null,
        string? device = null,
        string? link = null,
        string? code = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);

        var now = _timeProvider.GetUtcNow();
        DiagnosticEntry entry;
        lock (_lock)
        {
            var index = _entries.FindIndex(existing =>
                existing.Kind == kind
                && string.Equals(existing.Email, email, StringComparison.OrdinalIgnoreCase)
                && existing.Device == device
                && existing.Link == link);

            if (index < 0)
            {
                entry = new DiagnosticEntry(kind, email, device, link, reason, code, now, now, 1);
                _entries.Add(entry);
            }
            else
            {
                entry = _entries[index] with { Reason = reason, Code = code, LastSeen = now, Count = _entries[index].Count + 1 };
                _entries[index] = entry;
            }
        }

        if (IsPowerOfTen(entry.Count))
        {
            LogDiagnostic(_logger, entry.Kind, entry.Email ?? "-", entry.Device ?? "-", entry.Link ?? "-", entry.Count, entry.Reason);
        }

        Reported?.Invoke(entry);
        return entry;
    }

    private static bool IsPowerOfTen(int count)
    {
        while (count >= 10 && count % 10 == 0)
        {
            count /= 10;
        }

        return count == 1;
    }

    [LoggerMessage(EventId = 4500, Level = LogLevel.Warning,
        Message = "Diagnostic {Kind} for user {Email}, device {Device}, link {Link} (seen {Count} times): {Reason}")]
    private static partial void LogDiagnostic(ILogger logger, DiagnosticKind kind, string email, string device, string link, int count, string reason);
}
